package io.tauflow.agent;

import io.tauflow.schema.Action;
import java.util.Objects;

/** What the Q-agent chose on one candle, before sizing and emotions are applied. A POJO. */
public class AgentDecision {
    public String symbol;
    public long eventTimeMs;
    public double price;
    public Action action;
    public double confidence;

    /** Q or EXPLORE (or WARMUP before the features are warm). */
    public String source;

    public int stateIndex;
    public double positionQty;
    public double entryPrice;
    public double realizedPnl;
    public double reward;
    public int streak;
    public double rsi;
    public double momentumShort;
    public double volatility;

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
                && reward == d.reward;
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
