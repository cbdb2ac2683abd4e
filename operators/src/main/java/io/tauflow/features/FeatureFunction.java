package io.tauflow.features;

import io.tauflow.ingest.InboundEvent;
import io.tauflow.regime.RegimeConfig;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by symbol: folds order-book and sentiment readings into the symbol's feature state and
 * emits a {@link FeatureVector} (indicators and the symbol's regime) for every candle. Expects its
 * input in event-time order (see {@code EventTimeSorter}).
 */
public class FeatureFunction extends KeyedProcessFunction<String, InboundEvent, FeatureVector> {

    private static final long serialVersionUID = 1L;

    private final FeatureConfig config;
    private final RegimeConfig regime;
    private transient FeatureCalculator calculator;
    private transient ValueState<FeatureState> state;

    /** Features with the default regime thresholds. */
    public FeatureFunction(FeatureConfig config) {
        this(config, RegimeConfig.defaults());
    }

    public FeatureFunction(FeatureConfig config, RegimeConfig regime) {
        this.config = config;
        this.regime = regime;
    }

    public static ValueStateDescriptor<FeatureState> stateDescriptor() {
        return new ValueStateDescriptor<>("features", FeatureState.class);
    }

    @Override
    public void open(OpenContext openContext) {
        calculator = new FeatureCalculator(config, regime);
        state = getRuntimeContext().getState(stateDescriptor());
    }

    @Override
    public void processElement(InboundEvent e, Context ctx, Collector<FeatureVector> out)
            throws Exception {
        FeatureState s = state.value();
        if (s == null) {
            s = new FeatureState();
        }
        switch (e.kind) {
            case CANDLE:
                out.collect(calculator.onCandle(s, e.candle));
                break;
            case SENTIMENT:
                calculator.onSentiment(s, e.sentiment);
                break;
            case BOOK:
                calculator.onBook(s, e.book);
                break;
            default:
                throw new IllegalArgumentException("features cannot use a " + e.kind + " record");
        }
        state.update(s);
    }
}
