package io.tauflow.risk.var;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * VaR and CVaR at 95 % and 99 % of one sample of outcomes, as positive losses. Filled by {@link
 * #of} with the same lower empirical quantile as {@link io.tauflow.risk.HistoricalVar}: of n
 * outcomes sorted ascending x(0) &lt;= ... &lt;= x(n-1), at confidence p take k = floor((1 - p) n);
 * VaR_p = max(0, -x(k)) and CVaR_p = max(0, -mean(x(0..k))).
 *
 * <p>Only the tail is ever ordered: one pass keeps the k95 + 1 smallest values in a bounded
 * max-heap (after the first few hundred values almost every value is larger than the heap's top,
 * one well-predicted comparison), then those few are sorted. A quickselect over all n values cost
 * about five times as much on random samples (its branches are unpredictable).
 */
public final class TailRisk {

    public double var95;
    public double var99;
    public double cvar95;
    public double cvar99;

    /** Fills {@code out} from the first {@code n} values of {@code values} (left unchanged). */
    public static TailRisk of(double[] values, int n, TailRisk out) {
        double[] tail = smallest(values, n);
        return fill(tail, index(n, 0.95), index(n, 0.99), out);
    }

    /**
     * As {@link #of} for the outcomes {@code f(values[i])} of a non-decreasing {@code f}: their
     * tail is the image of the values' tail, so {@code f} is applied only to the k95 + 1 smallest
     * values instead of to all {@code n}.
     */
    public static TailRisk ofIncreasing(
            double[] values, int n, DoubleUnaryOperator f, TailRisk out) {
        double[] tail = smallest(values, n);
        for (int i = 0; i < tail.length; i++) {
            tail[i] = f.applyAsDouble(tail[i]);
        }
        return fill(tail, index(n, 0.95), index(n, 0.99), out);
    }

    /** The k95 + 1 smallest of the first {@code n} values, sorted ascending. */
    static double[] smallest(double[] values, int n) {
        if (n < 1 || n > values.length) {
            throw new IllegalArgumentException("need 1.." + values.length + " values, got " + n);
        }
        int m = index(n, 0.95) + 1;
        double[] heap = new double[m]; // max-heap: heap[0] is the largest of those kept
        for (int i = 0; i < m; i++) {
            heap[i] = values[i];
            siftUp(heap, i);
        }
        for (int i = m; i < n; i++) {
            double v = values[i];
            if (v < heap[0]) {
                heap[0] = v;
                siftDown(heap, m);
            }
        }
        Arrays.sort(heap);
        return heap;
    }

    private static void siftUp(double[] h, int i) {
        double v = h[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (h[parent] >= v) {
                break;
            }
            h[i] = h[parent];
            i = parent;
        }
        h[i] = v;
    }

    private static void siftDown(double[] h, int size) {
        double v = h[0];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && h[child + 1] > h[child]) {
                child++;
            }
            if (h[child] <= v) {
                break;
            }
            h[i] = h[child];
            i = child;
        }
        h[i] = v;
    }

    /** From the tail sorted ascending. */
    private static TailRisk fill(double[] tail, int k95, int k99, TailRisk out) {
        double sum99 = 0;
        for (int i = 0; i <= k99; i++) {
            sum99 += tail[i];
        }
        double sum95 = sum99;
        for (int i = k99 + 1; i <= k95; i++) {
            sum95 += tail[i];
        }
        out.var95 = Math.max(0, -tail[k95]);
        out.var99 = Math.max(0, -tail[k99]);
        out.cvar95 = Math.max(0, -sum95 / (k95 + 1));
        out.cvar99 = Math.max(0, -sum99 / (k99 + 1));
        return out;
    }

    /** k = floor((1 - p) n), guarded against binary rounding just below an integer. */
    static int index(int n, double confidence) {
        return (int) Math.floor((1 - confidence) * n + 1e-9);
    }

    @Override
    public String toString() {
        return String.format(
                "VaR95=%.6f VaR99=%.6f CVaR95=%.6f CVaR99=%.6f", var95, var99, cvar95, cvar99);
    }
}
