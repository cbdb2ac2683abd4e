package io.tauflow.features;

/**
 * An exponential average seeded with the simple mean of its first {@code period} inputs, the way
 * Wilder (and TA-Lib) start RSI, ATR, ADX and EMAs: while fewer than {@code period} values have
 * been added, {@link #value} is the mean of the values so far; from then on every input moves it by
 * {@code alpha * (x - value)}. Wilder's smoothing is {@code alpha = 1/period}, an EMA's {@code
 * alpha = 2/(period+1)}.
 *
 * <p>Two numbers of state. A POJO so it can live inside {@link FeatureState}.
 */
public class SmoothedAverage {

    /** How many values have been added (saturates at {@link Integer#MAX_VALUE}). */
    public int count;

    /** The average: the running mean until seeded, then the exponential average. */
    public double value;

    public SmoothedAverage() {}

    /** Wilder's smoothing factor, {@code 1/period}. */
    public static double wilder(int period) {
        return 1.0 / period;
    }

    /** The EMA smoothing factor, {@code 2/(period+1)}. */
    public static double ema(int period) {
        return 2.0 / (period + 1);
    }

    /** Adds one value and returns the new average. */
    public double add(double x, int period, double alpha) {
        if (count < period) {
            count++;
            value += (x - value) / count;
        } else {
            value += alpha * (x - value);
            if (count < Integer.MAX_VALUE) {
                count++;
            }
        }
        return value;
    }

    /** True once {@code period} values have seeded the average. */
    public boolean seeded(int period) {
        return count >= period;
    }

    void reset() {
        count = 0;
        value = 0;
    }
}
