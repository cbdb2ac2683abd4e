package io.tauflow.risk;

import java.util.Arrays;

/**
 * Historical Value-at-Risk and expected shortfall from a sample of returns.
 *
 * <p>Quantile definition: sort returns ascending, r(0) &lt;= ... &lt;= r(n-1); at confidence p take
 * k = floor((1 - p) * n), the lower empirical quantile r(k). VaR_p = max(0, -r(k)). CVaR_p is minus
 * the mean of r(0)..r(k), floored at 0; never below VaR_p.
 */
public final class HistoricalVar {

    private HistoricalVar() {}

    /** Fills var/cvar/volatility of {@code out} from {@code returns} (not modified). */
    public static VarEstimate estimate(double[] returns, VarEstimate out) {
        int n = returns.length;
        if (n == 0) {
            throw new IllegalArgumentException("no returns to estimate VaR from");
        }
        double[] sorted = returns.clone();
        Arrays.sort(sorted);
        out.returns = n;
        out.var95 = var(sorted, 0.95);
        out.var99 = var(sorted, 0.99);
        out.cvar95 = cvar(sorted, 0.95);
        out.cvar99 = cvar(sorted, 0.99);
        out.volatility = stdDev(returns);
        return out;
    }

    static int index(int n, double confidence) {
        return (int) Math.floor((1 - confidence) * n + 1e-9);
    }

    public static double var(double[] sortedAscending, double confidence) {
        return Math.max(0, -sortedAscending[index(sortedAscending.length, confidence)]);
    }

    public static double cvar(double[] sortedAscending, double confidence) {
        int k = index(sortedAscending.length, confidence);
        double sum = 0;
        for (int i = 0; i <= k; i++) {
            sum += sortedAscending[i];
        }
        return Math.max(0, -sum / (k + 1));
    }

    /** Sample standard deviation (n - 1); 0 for fewer than two values. */
    public static double stdDev(double[] xs) {
        if (xs.length < 2) {
            return 0.0;
        }
        double mean = 0;
        for (double x : xs) {
            mean += x;
        }
        mean /= xs.length;
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (xs.length - 1));
    }
}
