package io.tauflow.features;

/**
 * Mean and population variance over the last {@code size} values, updated in O(1) per value.
 *
 * <p>The window keeps its values in a ring and the sums of their deviations from a shift {@code k}:
 * {@code s1 = sum(x - k)}, {@code s2 = sum((x - k)^2)}; then {@code mean = k + s1/n} and {@code
 * variance = (s2 - s1^2/n) / n}. With {@code k} near the mean the sums stay small, so the
 * subtraction does not cancel the way a plain sum of squares of prices does. Rounding still
 * accumulates over many updates, so once per full turn of the ring (every {@code size} values) the
 * sums are recomputed from the ring with {@code k} set to the newest value: the work is O(1)
 * amortised (at most {@code 2*size} extra additions every {@code size} values), the error never
 * builds up over long runs, and a window of identical values has a variance of exactly 0 from the
 * next recompute on.
 *
 * <p>Before the ring is full the statistics are over the values so far. Constant size once {@link
 * #resize} has allocated the ring. A POJO so it can live inside {@link FeatureState}.
 */
public class RollingWindow {

    public double[] values;

    /** Index the next value is written to. */
    public int head;

    /** Values in the window, at most {@code values.length}. */
    public int count;

    public double shift;
    public double s1;
    public double s2;

    public RollingWindow() {}

    /** Allocates the ring for {@code size} values, clearing it if its size was different. */
    public void resize(int size) {
        if (values == null || values.length != size) {
            values = new double[size];
            head = 0;
            count = 0;
            shift = 0;
            s1 = 0;
            s2 = 0;
        }
    }

    /** Adds a value, dropping the oldest one once the window is full. */
    public void add(double x) {
        int size = values.length;
        if (count == 0) {
            shift = x;
        }
        double d = x - shift;
        if (count < size) {
            count++;
            s1 += d;
            s2 += d * d;
        } else {
            double old = values[head] - shift;
            s1 += d - old;
            s2 += d * d - old * old;
        }
        values[head] = x;
        head = head + 1 == size ? 0 : head + 1;
        if (head == 0) {
            recompute();
        }
    }

    /** True once the window holds {@code values.length} values. */
    public boolean full() {
        return values != null && count == values.length;
    }

    /** Mean of the values in the window; 0 when empty. */
    public double mean() {
        return count == 0 ? 0.0 : shift + s1 / count;
    }

    /** The value added {@code back} values ago (0 = the newest); needs {@code back < count}. */
    public double valueBack(int back) {
        int size = values.length;
        return values[((head - 1 - back) % size + size) % size];
    }

    /** Population variance (divides by n), never negative; 0 when empty. */
    public double variance() {
        if (count == 0) {
            return 0.0;
        }
        double m2 = s2 - s1 * s1 / count;
        return m2 > 0 ? m2 / count : 0.0;
    }

    /** Population standard deviation. */
    public double stdDev() {
        return Math.sqrt(variance());
    }

    private void recompute() {
        shift = valueBack(0);
        double a = 0;
        double b = 0;
        for (int i = 0; i < count; i++) {
            double d = values[i] - shift;
            a += d;
            b += d * d;
        }
        s1 = a;
        s2 = b;
    }
}
