package io.tauflow.risk;

/**
 * The last trade price of a symbol at an event time (a bar's close): the reference of the risk
 * gate's price collar and the mark of its exposures, unrealised P&amp;L and margin. A POJO.
 */
public class PriceTick {
    public String symbol;
    public long eventTimeMs;
    public double price;

    public PriceTick() {}

    public static PriceTick of(String symbol, long eventTimeMs, double price) {
        PriceTick t = new PriceTick();
        t.symbol = symbol;
        t.eventTimeMs = eventTimeMs;
        t.price = price;
        return t;
    }

    @Override
    public String toString() {
        return symbol + "@" + eventTimeMs + " last=" + price;
    }
}
