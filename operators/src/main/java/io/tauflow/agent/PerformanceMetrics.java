package io.tauflow.agent;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Trading performance figures, computed the same way everywhere they are reported (per symbol and
 * overall). With r_t = equity_t / equity_{t-1} - 1 the per-bar simple returns, n their number and P
 * the bars per year of a {@link TradingCalendar}:
 *
 * <ul>
 *   <li>Sharpe = mean(r) / sd(r) x sqrt(P), sd the sample standard deviation (divisor n - 1), risk
 *       free rate 0; NaN with fewer than 2 returns or sd = 0.
 *   <li>Sortino = mean(r) / DD x sqrt(P), DD = sqrt(sum(min(r_t, 0)^2) / n) the downside deviation
 *       below a 0 target over all n bars; NaN with fewer than 2 returns; with DD = 0 it is
 *       +Infinity if mean(r) &gt; 0, else NaN.
 *   <li>Max drawdown = min over t of (equity_t / max(equity_0..t) - 1): a fraction &lt;= 0, 0 when
 *       the curve never falls.
 *   <li>Win rate = trades with P&amp;L &gt; 0 / closed trades; NaN without trades.
 *   <li>Profit factor = sum of winning P&amp;L / |sum of losing P&amp;L| (trades at exactly 0 count
 *       in neither); +Infinity with wins and no losses, 0 with losses and no wins, NaN when both
 *       sums are 0 (no trades, or only break-even ones).
 *   <li>State coverage = visited states / states of the encoder; overall, the visited rows of all
 *       symbols' Q-tables over (symbols x states).
 * </ul>
 *
 * Overall figures use the combined equity curve (the sum of the symbols' curves, see {@link
 * #combine}) and all symbols' trades.
 */
public final class PerformanceMetrics {

    private PerformanceMetrics() {}

    /** The figures of one equity curve and its closed trades. */
    public record Report(
            double totalReturn,
            double sharpe,
            double sortino,
            double maxDrawdown,
            double winRate,
            double profitFactor,
            int trades) {}

    /** The report of an equity curve (one value per bar, the first before any trading). */
    public static Report report(double[] equity, List<Double> tradePnls, double periodsPerYear) {
        double[] r = returns(equity);
        return new Report(
                equity.length < 2 ? 0.0 : equity[equity.length - 1] / equity[0] - 1,
                sharpe(r, periodsPerYear),
                sortino(r, periodsPerYear),
                maxDrawdown(equity),
                winRate(tradePnls),
                profitFactor(tradePnls),
                tradePnls.size());
    }

    /** Per-bar simple returns of an equity curve: n - 1 values for n points. */
    public static double[] returns(double[] equity) {
        if (equity.length < 2) {
            return new double[0];
        }
        double[] r = new double[equity.length - 1];
        for (int i = 1; i < equity.length; i++) {
            r[i - 1] = equity[i] / equity[i - 1] - 1;
        }
        return r;
    }

    public static double sharpe(double[] returns, double periodsPerYear) {
        if (returns.length < 2) {
            return Double.NaN;
        }
        double mean = mean(returns);
        double ss = 0;
        for (double r : returns) {
            ss += (r - mean) * (r - mean);
        }
        double sd = Math.sqrt(ss / (returns.length - 1));
        return sd == 0 ? Double.NaN : mean / sd * Math.sqrt(periodsPerYear);
    }

    public static double sortino(double[] returns, double periodsPerYear) {
        if (returns.length < 2) {
            return Double.NaN;
        }
        double down = 0;
        for (double r : returns) {
            double d = Math.min(r, 0);
            down += d * d;
        }
        double dd = Math.sqrt(down / returns.length);
        double mean = mean(returns);
        if (dd == 0) {
            return mean > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        return mean / dd * Math.sqrt(periodsPerYear);
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
            return Double.NaN;
        }
        long wins = 0;
        for (double p : tradePnls) {
            if (p > 0) {
                wins++;
            }
        }
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
            return won > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        return won / lost;
    }

    /** Visited states over the size of the state space. */
    public static double stateCoverage(long visited, long states) {
        if (states <= 0) {
            throw new IllegalArgumentException("state space must have states, got " + states);
        }
        return (double) visited / states;
    }

    /**
     * The sum of several equity curves keyed by time, at every time any of them has a point: a
     * curve counts with its latest value at or before that time, or its first value before it
     * starts.
     */
    public static NavigableMap<Long, Double> combine(List<NavigableMap<Long, Double>> curves) {
        TreeMap<Long, Double> total = new TreeMap<>();
        for (NavigableMap<Long, Double> c : curves) {
            for (Long t : c.keySet()) {
                total.put(t, 0.0);
            }
        }
        for (NavigableMap<Long, Double> c : curves) {
            if (c.isEmpty()) {
                continue;
            }
            for (Map.Entry<Long, Double> e : total.entrySet()) {
                Map.Entry<Long, Double> at = c.floorEntry(e.getKey());
                e.setValue(e.getValue() + (at != null ? at.getValue() : c.firstEntry().getValue()));
            }
        }
        return total;
    }

    private static double mean(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s / xs.length;
    }
}
