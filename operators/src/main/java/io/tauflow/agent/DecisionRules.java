package io.tauflow.agent;

import io.tauflow.config.OptionReader;
import java.io.Serializable;
import org.apache.flink.configuration.ReadableConfig;

/**
 * What the agent may decide and learn, apart from the Q-learning settings: whether it learns at all
 * ({@link AgentOptions.Learning}), how often it decides, how long it holds at least, and how much
 * edge over waiting an opening needs.
 *
 * @param frozen serve the Q-table unchanged: no Q update, no replay, no exploration, no step
 *     counted
 * @param decisionIntervalMs decide on the first bar of each epoch-aligned interval of this length
 *     and hold on the others; 0 decides on every bar
 * @param minHoldingMs SELL is not a legal action while the position is younger than this
 * @param openEdgeBps an opening BUY (not exploration) needs {@code Q(BUY) - Q(WAIT) >} this; NaN
 *     for no such check
 */
public record DecisionRules(
        boolean frozen, long decisionIntervalMs, long minHoldingMs, double openEdgeBps)
        implements Serializable {

    /** Learning on, a decision on every bar, no minimum holding, no opening check. */
    public static final DecisionRules DEFAULTS = new DecisionRules(false, 0L, 0L, Double.NaN);

    public DecisionRules {
        if (decisionIntervalMs < 0 || minHoldingMs < 0) {
            throw new IllegalArgumentException(
                    "decision interval and minimum holding must be >= 0 ms");
        }
        if (Double.isInfinite(openEdgeBps)) {
            throw new IllegalArgumentException("open edge must be finite, got " + openEdgeBps);
        }
    }

    /** Whether openings are checked against the Q-table's edge. */
    public boolean checksOpenEdge() {
        return !Double.isNaN(openEdgeBps);
    }

    /** Whether a bar at {@code eventTimeMs} is a decision bar after one decided at {@code last}. */
    public boolean decides(long eventTimeMs, long lastDecisionMs) {
        if (decisionIntervalMs == 0 || lastDecisionMs == Long.MIN_VALUE) {
            return true;
        }
        return Math.floorDiv(eventTimeMs, decisionIntervalMs)
                != Math.floorDiv(lastDecisionMs, decisionIntervalMs);
    }

    public DecisionRules withFrozen(boolean f) {
        return new DecisionRules(f, decisionIntervalMs, minHoldingMs, openEdgeBps);
    }

    /** The {@code tauflow.agent.*} options of these rules ({@link AgentOptions}). */
    public static DecisionRules from(ReadableConfig conf) {
        boolean frozen =
                OptionReader.get(conf, AgentOptions.LEARNING) == AgentOptions.Learning.FROZEN;
        long interval = OptionReader.nonNegative(conf, AgentOptions.DECISION_INTERVAL).toMillis();
        long hold = OptionReader.nonNegative(conf, AgentOptions.MIN_HOLDING).toMillis();
        Double edge = OptionReader.get(conf, AgentOptions.OPEN_EDGE_BPS);
        if (edge != null && !Double.isFinite(edge)) {
            throw new IllegalArgumentException(
                    "option " + AgentOptions.OPEN_EDGE_BPS.key() + " must be finite, got " + edge);
        }
        return new DecisionRules(frozen, interval, hold, edge == null ? Double.NaN : edge);
    }
}
