package io.tauflow.ingest;

import io.tauflow.schema.DeadLetter;
import io.tauflow.state.HeapStateProcessFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The {@link BarGuard} per symbol, on the market stream sorted by event time: candles it refuses go
 * to {@link #REFUSED} as dead letters, everything else passes on unchanged. Sentiment and
 * order-book events pass without touching state.
 */
public class BarGuardFunction extends HeapStateProcessFunction<InboundEvent, InboundEvent> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> REFUSED =
            new OutputTag<>("refused-bars", TypeInformation.of(DeadLetter.class)) {};

    private final InputLimits limits;
    private transient BarGuard guard;
    private transient ValueState<BarGuard.State> state;

    public BarGuardFunction(InputLimits limits) {
        this.limits = limits;
    }

    public static ValueStateDescriptor<BarGuard.State> stateDescriptor() {
        return new ValueStateDescriptor<>("bar-guard", TypeInformation.of(BarGuard.State.class));
    }

    @Override
    public void open(OpenContext openContext) {
        guard = new BarGuard(limits);
        state = valueState(stateDescriptor());
    }

    @Override
    public void processElement(InboundEvent e, Context ctx, Collector<InboundEvent> out)
            throws Exception {
        if (e.kind != InboundEvent.Kind.CANDLE) {
            out.collect(e);
            return;
        }
        BarGuard.State s = state.value();
        if (s == null) {
            s = new BarGuard.State();
        }
        String problem = guard.admit(s, e.candle);
        state.update(s);
        if (problem == null) {
            out.collect(e);
        } else {
            ctx.output(
                    REFUSED,
                    DeadLetters.of(e, "refused candle: " + problem, limits.deadLetterMaxBytes()));
        }
    }
}
