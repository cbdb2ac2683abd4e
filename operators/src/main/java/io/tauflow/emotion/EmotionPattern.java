package io.tauflow.emotion;

import io.tauflow.agent.TradeOutcome;
import java.io.Serializable;
import org.apache.flink.cep.pattern.Pattern;

/**
 * A CEP pattern over one symbol's closed trades and the signal a match raises. Patterns sit behind
 * this interface so one can be swapped without touching the job graph.
 */
public interface EmotionPattern extends Serializable {

    /** Short, stable name; part of the CEP operator's uid. */
    String name();

    Pattern<TradeOutcome, ?> pattern();

    EmotionSignal.Kind signal();
}
