package io.tauflow.agent;

import java.util.Objects;

/** A virtual trade the agent closed: the input of the emotion patterns. A POJO. */
public class TradeOutcome {
    public String symbol;
    public long entryTimeMs;
    public long exitTimeMs;
    public double entryPrice;
    public double exitPrice;
    public double quantity;

    /** Net of fees, quote currency. */
    public double pnl;

    /** The part of a winning trade's P&amp;L the Tau kernel burned (0 for a loss). */
    public double burned;

    public TradeOutcome() {}

    public boolean win() {
        return pnl > 0;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TradeOutcome)) {
            return false;
        }
        TradeOutcome t = (TradeOutcome) o;
        return exitTimeMs == t.exitTimeMs && Objects.equals(symbol, t.symbol) && pnl == t.pnl;
    }

    @Override
    public int hashCode() {
        return Objects.hash(symbol, exitTimeMs, pnl);
    }

    @Override
    public String toString() {
        return symbol + " " + entryTimeMs + "->" + exitTimeMs + " pnl=" + pnl;
    }
}
