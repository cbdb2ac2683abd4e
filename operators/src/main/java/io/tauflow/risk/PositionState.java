package io.tauflow.risk;

/**
 * The gate's book for one symbol of one account: the position (filled at the order's limit price),
 * the symbol's last trade price and latest VaR, and its agent's realised P&amp;L today. A POJO.
 */
public class PositionState {
    public double quantity;
    public double averagePrice;

    /** Last trade price seen on the price stream; NaN until the first tick. */
    public double lastPrice = Double.NaN;

    /** Latest one-bar 99 % VaR of the symbol (a loss fraction); 0 until the first estimate. */
    public double var99;

    /** Realised P&amp;L of this symbol's agent in the account's current day. */
    public double dayRealizedPnl;

    public PositionState() {}

    public boolean hasLastPrice() {
        return !Double.isNaN(lastPrice);
    }

    /** Value of the position at its last price (at its average price before the first tick). */
    public double value() {
        return quantity == 0.0 ? 0.0 : quantity * (hasLastPrice() ? lastPrice : averagePrice);
    }

    /** Unrealised P&amp;L at the last price; 0 before the first tick. */
    public double unrealizedPnl() {
        return quantity == 0.0 || !hasLastPrice() ? 0.0 : quantity * (lastPrice - averagePrice);
    }
}
