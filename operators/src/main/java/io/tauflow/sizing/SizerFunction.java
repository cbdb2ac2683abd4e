package io.tauflow.sizing;

import io.tauflow.config.TauflowMetrics;
import io.tauflow.schema.Decision;
import io.tauflow.state.HeapStateProcessFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by symbol, input in event-time order: runs the {@link Sizer}. Decisions are the main
 * output; order intents go to {@link #INTENTS}.
 */
public class SizerFunction extends HeapStateProcessFunction<SizerEvent, Decision> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<OrderIntent> INTENTS =
            new OutputTag<>("order-intents", TypeInformation.of(OrderIntent.class)) {};

    private final SizingConfig config;
    private final AccountMap accounts;
    private transient Sizer sizer;

    /** Metric: order intents sent to the risk gate. */
    private transient Counter intents;

    private transient ValueState<SizerState> state;

    public SizerFunction(SizingConfig config, AccountMap accounts) {
        this.config = config;
        this.accounts = accounts;
    }

    public static ValueStateDescriptor<SizerState> stateDescriptor() {
        return new ValueStateDescriptor<>("sizer", SizerState.class);
    }

    @Override
    public void open(OpenContext openContext) {
        sizer = new Sizer(config, accounts);
        state = valueState(stateDescriptor());
        intents =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup(TauflowMetrics.GROUP)
                        .counter("orderIntents");
    }

    @Override
    public void processElement(SizerEvent e, Context ctx, Collector<Decision> out)
            throws Exception {
        SizerState s = state.value();
        if (s == null) {
            s = new SizerState();
        }
        if (e.signal != null) {
            sizer.onSignal(s, e.signal);
        } else {
            Sizer.Sized sized = sizer.onDecision(s, e.decision);
            out.collect(sized.decision);
            if (sized.intent != null) {
                ctx.output(INTENTS, sized.intent);
                intents.inc();
            }
        }
        state.update(s);
    }
}
