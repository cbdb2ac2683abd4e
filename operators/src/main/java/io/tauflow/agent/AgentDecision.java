package io.tauflow.agent;

import io.tauflow.schema.Action;
import io.tauflow.schema.Regime;
import java.util.Objects;

/** What the Q-agent chose on one candle, before sizing and emotions are applied. A POJO. */
public class AgentDecision {
    public String symbol;
    public long eventTimeMs;
    public double price;
    public Action action;
    public double confidence;

    /**
     * Who chose the action: Q, MOMENTUM or MEAN_REVERSION (the meta-control voter), EXPLORE, or
     * WARMUP before the features are warm.
     */
    public String source;

    public int stateIndex;
    public double positionQty;

    /** Units held after the action (more than 1 only with pyramiding). */
    public int units;

    public double entryPrice;

    /** Cumulative realised P&amp;L net of fees and of the burned share. */
    public double realizedPnl;

    /** Cumulative realised profit burned by the Tau kernel. */
    public double burned;

    public double reward;
    public int streak;
    public double rsi;
    public double momentumShort;
    public double volatility;

    /** The regime the state encoder read (the market's or the symbol's own); null in warm-up. */
    public Regime regime;

    /** Wall-clock arrival of the candle at the source (0 unknown); not part of equality. */
    public long arrivalMs;

    public AgentDecision() {}

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AgentDecision)) {
            return false;
        }
        AgentDecision d = (AgentDecision) o;
        return eventTimeMs == d.eventTimeMs
                && Objects.equals(symbol, d.symbol)
                && action == d.action
                && confidence == d.confidence
                && Objects.equals(source, d.source)
                && stateIndex == d.stateIndex
                && positionQty == d.positionQty
                && realizedPnl == d.realizedPnl
                && reward == d.reward
                && regime == d.regime;
    }

    @Override
    public int hashCode() {
        return Objects.hash(symbol, eventTimeMs, action);
    }

    @Override
    public String toString() {
        return symbol
                + "@"
                + eventTimeMs
                + " "
                + action
                + " conf="
                + confidence
                + " src="
                + source
                + " state="
                + stateIndex
                + " pos="
                + positionQty
                + " pnl="
                + realizedPnl;
    }
}
