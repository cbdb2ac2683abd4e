package io.tauflow.risk;

import java.util.Arrays;

/**
 * The gate's book for one symbol of one account: the position (filled at the order's limit price),
 * the symbol's last trade price and its latest closes (the price collar's reference), its latest
 * returns, the figures of its latest risk estimate, and its agent's realised P&amp;L today. A POJO.
 */
public class PositionState {
    public double quantity;
    public double averagePrice;

    /** Last trade price seen on the price stream; NaN until the first tick. */
    public double lastPrice = Double.NaN;

    /**
     * The latest closes, oldest overwritten first ({@link #recentCount} of them valid, the next at
     * {@link #recentNext}); null until the first tick.
     */
    public double[] recentPrices;

    public int recentCount;
    public int recentNext;

    /**
     * Every figure of the symbol's latest risk estimate, indexed by {@link VarMeasure#ordinal()}
     * (loss fractions); null until the first estimate.
     */
    public double[] measures;

    /** End of the latest estimate's window; Long.MIN_VALUE before the first. */
    public long estimateMs = Long.MIN_VALUE;

    /** One-bar volatility (standard deviation of log returns) of the latest estimate. */
    public double volatility;

    /** Risk level ordinal of the latest estimate ({@code RiskLevel}); -1 before the first. */
    public int riskLevel = -1;

    /** The symbol's latest one-bar log returns, for the account's joint (portfolio) figures. */
    public ReturnSeries returns = new ReturnSeries();

    /** Realised P&amp;L of this symbol's agent in the account's current day. */
    public double dayRealizedPnl;

    public PositionState() {}

    /** The latest estimate's figure of {@code m}; 0 before the first estimate. */
    public double measure(VarMeasure m) {
        return measures == null ? 0.0 : measures[m.ordinal()];
    }

    public boolean hasLastPrice() {
        return !Double.isNaN(lastPrice);
    }

    /** Records a trade price: the last price, and one of the {@code keep} latest closes. */
    public void addPrice(double price, int keep) {
        lastPrice = price;
        if (recentPrices == null || recentPrices.length != keep) {
            double[] kept = new double[keep];
            int n = Math.min(recentCount, keep);
            for (int k = 0; k < n; k++) {
                kept[n - 1 - k] =
                        recentPrices[Math.floorMod(recentNext - 1 - k, recentPrices.length)];
            }
            recentPrices = kept;
            recentCount = n;
            recentNext = n % keep;
        }
        recentPrices[recentNext] = price;
        recentNext = (recentNext + 1) % keep;
        recentCount = Math.min(recentCount + 1, keep);
    }

    /**
     * The median of the latest closes kept (the mean of the middle two for an even count); the last
     * price when none is kept (a book restored from before they were), NaN before the first tick.
     */
    public double referencePrice() {
        if (recentCount == 0 || recentPrices == null) {
            return lastPrice;
        }
        // the ring fills from slot 0, so the first recentCount slots are the ones in use
        double[] sorted = Arrays.copyOf(recentPrices, recentCount);
        Arrays.sort(sorted);
        int mid = recentCount / 2;
        return recentCount % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
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
