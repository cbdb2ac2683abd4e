package io.tauflow.risk.var;

import java.util.function.DoubleUnaryOperator;

/**
 * VaR and CVaR at 95 % and 99 % of one sample of outcomes, as positive losses. Filled by {@link
 * #of} with the same lower empirical quantile as {@link io.tauflow.risk.HistoricalVar}: of n
 * outcomes sorted ascending x(0) &lt;= ... &lt;= x(n-1), at confidence p take k = floor((1 - p) n);
 * VaR_p = max(0, -x(k)) and CVaR_p = max(0, -mean(x(0..k))).
 */
public final class TailRisk {

    public double var95;
    public double var99;
    public double cvar95;
    public double cvar99;

    /**
     * Fills {@code out} from the first {@code n} values of {@code values}, which it reorders (a
     * partial quickselect, O(n), instead of a full sort).
     */
    public static TailRisk of(double[] values, int n, TailRisk out) {
        int k95 = selectTail(values, n);
        return fill(values, k95, index(n, 0.99), out);
    }

    /**
     * As {@link #of} for the outcomes {@code f(values[i])} of a non-decreasing {@code f}: their
     * tail is the image of the values' tail, so {@code f} is applied only to the values at or below
     * the 95 % quantile (in place) instead of to all {@code n}.
     */
    public static TailRisk ofIncreasing(
            double[] values, int n, DoubleUnaryOperator f, TailRisk out) {
        int k95 = selectTail(values, n);
        for (int i = 0; i <= k95; i++) {
            values[i] = f.applyAsDouble(values[i]);
        }
        return fill(values, k95, index(n, 0.99), out);
    }

    /** Moves the 95 % and 99 % order statistics into place; returns the 95 % index. */
    private static int selectTail(double[] values, int n) {
        if (n < 1 || n > values.length) {
            throw new IllegalArgumentException("need 1.." + values.length + " values, got " + n);
        }
        int k95 = index(n, 0.95);
        select(values, 0, n - 1, k95);
        select(values, 0, k95, index(n, 0.99));
        return k95;
    }

    private static TailRisk fill(double[] values, int k95, int k99, TailRisk out) {
        double sum99 = 0;
        for (int i = 0; i <= k99; i++) {
            sum99 += values[i];
        }
        double sum95 = sum99;
        for (int i = k99 + 1; i <= k95; i++) {
            sum95 += values[i];
        }
        out.var95 = Math.max(0, -values[k95]);
        out.var99 = Math.max(0, -values[k99]);
        out.cvar95 = Math.max(0, -sum95 / (k95 + 1));
        out.cvar99 = Math.max(0, -sum99 / (k99 + 1));
        return out;
    }

    /** k = floor((1 - p) n), guarded against binary rounding just below an integer. */
    static int index(int n, double confidence) {
        return (int) Math.floor((1 - confidence) * n + 1e-9);
    }

    /**
     * Reorders {@code a[lo..hi]} so that {@code a[k]} holds the value it would have after sorting,
     * with nothing larger before it and nothing smaller after it (Hoare partitioning around a
     * median of three).
     */
    static void select(double[] a, int lo, int hi, int k) {
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < a[lo]) {
                swap(a, lo, mid);
            }
            if (a[hi] < a[lo]) {
                swap(a, lo, hi);
            }
            if (a[hi] < a[mid]) {
                swap(a, mid, hi);
            }
            double pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    @Override
    public String toString() {
        return String.format(
                "VaR95=%.6f VaR99=%.6f CVaR95=%.6f CVaR99=%.6f", var95, var99, cvar95, cvar99);
    }
}
