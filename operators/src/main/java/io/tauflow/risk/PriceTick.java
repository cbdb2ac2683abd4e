package io.tauflow.risk;

import io.tauflow.features.BarClose;
import io.tauflow.schema.Regime;

/**
 * The last trade price of a symbol at an event time (a bar's close): the reference of the risk
 * gate's price collar and the mark of its exposures, unrealised P&amp;L and margin; with the bar's
 * log return (from the symbol's second bar on), which the gate keeps for the account's joint risk
 * figures. A POJO.
 */
public class PriceTick {
    public String symbol;
    public long eventTimeMs;
    public double price;

    /** False on the symbol's first bar, which has no return. */
    public boolean hasReturn;

    public double logReturn;
    public long intervalMs;
    public Regime regime;

    public PriceTick() {}

    /** A price without a return. */
    public static PriceTick of(String symbol, long eventTimeMs, double price) {
        PriceTick t = new PriceTick();
        t.symbol = symbol;
        t.eventTimeMs = eventTimeMs;
        t.price = price;
        return t;
    }

    /** A price with its bar's log return. */
    public static PriceTick of(
            String symbol,
            long eventTimeMs,
            double price,
            double logReturn,
            long intervalMs,
            Regime regime) {
        PriceTick t = of(symbol, eventTimeMs, price);
        t.hasReturn = true;
        t.logReturn = logReturn;
        t.intervalMs = intervalMs;
        t.regime = regime;
        return t;
    }

    /** A bar's close, with its return when it has one. */
    public static PriceTick of(BarClose b) {
        return b.hasPrevious
                ? of(b.symbol, b.eventTimeMs, b.close, b.logReturn, b.intervalMs, b.regime)
                : of(b.symbol, b.eventTimeMs, b.close);
    }

    @Override
    public String toString() {
        return symbol + "@" + eventTimeMs + " last=" + price + (hasReturn ? " r=" + logReturn : "");
    }
}
