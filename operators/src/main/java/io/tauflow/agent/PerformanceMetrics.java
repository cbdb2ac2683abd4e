package io.tauflow.agent;

import java.util.List;

/**
 * Trading performance figures, computed the same way everywhere they are reported.
 *
 * <ul>
 *   <li>Sharpe = mean(r) / sd(r) x sqrt(periods per year), r = per-bar returns, sd with n - 1.
 *   <li>Sortino = mean(r) / downside deviation x sqrt(periods per year), downside deviation =
 *       sqrt(sum(min(r, 0)^2) / n).
 *   <li>Max drawdown = min over t of (equity_t / max(equity_0..t) - 1), a fraction &lt;= 0.
 *   <li>Win rate = winning trades / closed trades (a trade with P&amp;L &gt; 0 wins).
 *   <li>Profit factor = sum of winning P&amp;L / |sum of losing P&amp;L| (infinite without losses,
 *       0 without wins).
 * </ul>
 */
public final class PerformanceMetrics {

    private PerformanceMetrics() {}

    /** Bars per year for a bar interval, counting every hour of the year (crypto's calendar). */
    public static double periodsPerYear(long intervalMs) {
        return 365.25 * 24 * 3600 * 1000 / intervalMs;
    }

    public static double sharpe(double[] returns, double periodsPerYear) {
        if (returns.length < 2) {
            return 0.0;
        }
        double mean = mean(returns);
        double ss = 0;
        for (double r : returns) {
            ss += (r - mean) * (r - mean);
        }
        double sd = Math.sqrt(ss / (returns.length - 1));
        return sd == 0 ? 0.0 : mean / sd * Math.sqrt(periodsPerYear);
    }

    public static double sortino(double[] returns, double periodsPerYear) {
        if (returns.length < 2) {
            return 0.0;
        }
        double down = 0;
        for (double r : returns) {
            double d = Math.min(r, 0);
            down += d * d;
        }
        double dd = Math.sqrt(down / returns.length);
        return dd == 0 ? 0.0 : mean(returns) / dd * Math.sqrt(periodsPerYear);
    }

    public static double maxDrawdown(double[] equity) {
        double peak = Double.NEGATIVE_INFINITY;
        double worst = 0;
        for (double e : equity) {
            peak = Math.max(peak, e);
            if (peak > 0) {
                worst = Math.min(worst, e / peak - 1);
            }
        }
        return worst;
    }

    public static double winRate(List<Double> tradePnls) {
        if (tradePnls.isEmpty()) {
            return 0.0;
        }
        long wins = tradePnls.stream().filter(p -> p > 0).count();
        return (double) wins / tradePnls.size();
    }

    public static double profitFactor(List<Double> tradePnls) {
        double won = 0;
        double lost = 0;
        for (double p : tradePnls) {
            if (p > 0) {
                won += p;
            } else {
                lost -= p;
            }
        }
        if (lost == 0) {
            return won > 0 ? Double.POSITIVE_INFINITY : 0.0;
        }
        return won / lost;
    }

    private static double mean(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s / xs.length;
    }
}
