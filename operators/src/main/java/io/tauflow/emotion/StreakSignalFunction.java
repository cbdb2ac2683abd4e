package io.tauflow.emotion;

import io.tauflow.agent.TradeOutcome;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;

/** Turns a pattern match into its signal, timed at the match's last trade. */
public class StreakSignalFunction extends PatternProcessFunction<TradeOutcome, EmotionSignal> {

    private static final long serialVersionUID = 1L;

    private final EmotionSignal.Kind kind;

    public StreakSignalFunction(EmotionSignal.Kind kind) {
        this.kind = kind;
    }

    @Override
    public void processMatch(
            Map<String, List<TradeOutcome>> match, Context ctx, Collector<EmotionSignal> out) {
        TradeOutcome last = null;
        for (List<TradeOutcome> trades : match.values()) {
            for (TradeOutcome t : trades) {
                if (last == null || t.exitTimeMs > last.exitTimeMs) {
                    last = t;
                }
            }
        }
        if (last != null) {
            out.collect(EmotionSignal.of(last.symbol, last.exitTimeMs, kind));
        }
    }
}
