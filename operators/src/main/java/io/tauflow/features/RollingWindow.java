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
 * ring.length}, the ring at least {@code period} long), and the three sums are those of this
 * window's {@link FeatureState.Window} in a {@link FeatureState}. So {@link FeatureState} stays a
 * few flat arrays, and only it knows where in them the sums are. Before {@code period} values have
 * been added the statistics are over the values so far.
 */
final class RollingWindow {

    private final int period;
    private final FeatureState.Window slot;

    /**
     * @param period values in the window
     * @param slot the window whose sums it keeps in a {@link FeatureState}
     */
    RollingWindow(int period, FeatureState.Window slot) {
        this.period = period;
        this.slot = slot;
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
    void add(FeatureState s, double[] ring, long index, int pos, double x) {
        if (index == 0) {
            s.setWindowShift(slot, x);
        }
        double shift = s.windowShift(slot);
        double d = x - shift;
        if (index < period) {
            s.setWindowS1(slot, s.windowS1(slot) + d);
            s.setWindowS2(slot, s.windowS2(slot) + d * d);
        } else {
            int leaving = pos - period;
            if (leaving < 0) {
                leaving += ring.length;
            }
            double old = ring[leaving] - shift;
            s.setWindowS1(slot, s.windowS1(slot) + (d - old));
            s.setWindowS2(slot, s.windowS2(slot) + (d * d - old * old));
        }
        if (position(index + 1, period) == 0) {
            recompute(s, ring, pos, x);
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
    double mean(FeatureState s, long seen) {
        long count = Math.min(seen, period);
        return count == 0 ? 0.0 : s.windowShift(slot) + s.windowS1(slot) / count;
    }

    /** Population variance (divides by n), never negative; 0 when empty. */
    double variance(FeatureState s, long seen) {
        long count = Math.min(seen, period);
        if (count == 0) {
            return 0.0;
        }
        double s1 = s.windowS1(slot);
        double m2 = s.windowS2(slot) - s1 * s1 / count;
        return m2 > 0 ? m2 / count : 0.0;
    }

    /** Population standard deviation. */
    double stdDev(FeatureState s, long seen) {
        return Math.sqrt(variance(s, seen));
    }

    /**
     * Sums over the last {@code period} values, oldest first, shifted by the newest, {@code x},
     * which is not in the ring yet (it goes to ring index {@code pos}).
     */
    private void recompute(FeatureState s, double[] ring, int pos, double x) {
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
        s.setWindowShift(slot, x);
        s.setWindowS1(slot, a);
        s.setWindowS2(slot, b);
    }
}
