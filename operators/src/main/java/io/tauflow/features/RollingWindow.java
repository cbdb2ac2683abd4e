package io.tauflow.features;

/**
 * Mean and population variance over the last {@code period} values of a series, updated in O(1) per
 * value.
 *
 * <p>The window keeps the sums of the values' deviations from a shift {@code k}: {@code s1 = sum(x
 * - k)}, {@code s2 = sum((x - k)^2)}; then {@code mean = k + s1/n} and {@code variance = (s2 -
 * s1^2/n) / n}. With {@code k} near the mean the sums stay small, so the subtraction does not
 * cancel the way a plain sum of squares of prices does. Rounding still accumulates over many
 * updates, so once every {@code period} values the sums are recomputed from the values with {@code
 * k} set to the newest one: the work is O(1) amortised (at most {@code 2*period} extra additions
 * every {@code period} values), the error never builds up over long runs, and a window of identical
 * values has a variance of exactly 0 from the next recompute on.
 *
 * <p>A view that holds no state: the values live in a ring that the caller owns and may share with
 * windows of other periods (value {@code k} of the series, zero-based, at index {@code k %
 * ring.length}, the ring at least {@code period} long), and the three sums live at this window's
 * slot of a sums array. So {@link FeatureState} stays a few flat arrays. Before {@code period}
 * values have been added the statistics are over the values so far.
 */
final class RollingWindow {

    /** Doubles per window in the sums array: the shift, s1 and s2. */
    static final int SUMS = 3;

    private static final int SHIFT = 0;
    private static final int S1 = 1;
    private static final int S2 = 2;

    private final int period;
    private final int at;

    /**
     * @param period values in the window
     * @param slot the window's slot in the sums array (its sums start at {@code slot * SUMS})
     */
    RollingWindow(int period, int slot) {
        this.period = period;
        this.at = slot * SUMS;
    }

    int period() {
        return period;
    }

    /**
     * Adds value {@code index} (zero-based) of the series, dropping value {@code index - period}
     * once the window is full. {@code pos} is the value's ring index, {@link #position}{@code
     * (index, ring.length)}: the caller works it out once per value for every window on the ring.
     * Call it before {@code x} is stored in the ring: the ring must still hold the values before
     * it.
     */
    void add(double[] ring, double[] sums, long index, int pos, double x) {
        if (index == 0) {
            sums[at + SHIFT] = x;
        }
        double shift = sums[at + SHIFT];
        double d = x - shift;
        if (index < period) {
            sums[at + S1] += d;
            sums[at + S2] += d * d;
        } else {
            int leaving = pos - period;
            if (leaving < 0) {
                leaving += ring.length;
            }
            double old = ring[leaving] - shift;
            sums[at + S1] += d - old;
            sums[at + S2] += d * d - old * old;
        }
        if (position(index + 1, period) == 0) {
            recompute(ring, sums, pos, x);
        }
    }

    /**
     * {@code index % length} for a non-negative index, in 32-bit arithmetic while the index fits (a
     * 64-bit division costs several times more, and this runs a few times per candle).
     */
    static int position(long index, int length) {
        return index <= Integer.MAX_VALUE ? (int) index % length : (int) (index % length);
    }

    /** True once {@code seen} (the values added so far) fills the window. */
    boolean full(long seen) {
        return seen >= period;
    }

    /** Mean of the window after {@code seen} values have been added; 0 when empty. */
    double mean(double[] sums, long seen) {
        long count = Math.min(seen, period);
        return count == 0 ? 0.0 : sums[at + SHIFT] + sums[at + S1] / count;
    }

    /** Population variance (divides by n), never negative; 0 when empty. */
    double variance(double[] sums, long seen) {
        long count = Math.min(seen, period);
        if (count == 0) {
            return 0.0;
        }
        double s1 = sums[at + S1];
        double m2 = sums[at + S2] - s1 * s1 / count;
        return m2 > 0 ? m2 / count : 0.0;
    }

    /** Population standard deviation. */
    double stdDev(double[] sums, long seen) {
        return Math.sqrt(variance(sums, seen));
    }

    /**
     * Sums over the last {@code period} values, oldest first, shifted by the newest, {@code x},
     * which is not in the ring yet (it goes to ring index {@code pos}).
     */
    private void recompute(double[] ring, double[] sums, int pos, double x) {
        double a = 0;
        double b = 0;
        int p = pos - period + 1;
        if (p < 0) {
            p += ring.length;
        }
        for (int k = 0; k < period; k++) {
            double d = (k == period - 1 ? x : ring[p]) - x;
            a += d;
            b += d * d;
            if (++p == ring.length) {
                p = 0;
            }
        }
        sums[at + SHIFT] = x;
        sums[at + S1] = a;
        sums[at + S2] = b;
    }
}
