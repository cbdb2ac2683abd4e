package io.tauflow.features;

/**
 * An exponential average seeded with the simple mean of its first {@code period} inputs, the way
 * Wilder (and TA-Lib) start RSI, ATR, ADX and EMAs: while fewer than {@code period} values have
 * been added, the value is the mean of the values so far; from then on every input moves it by
 * {@code alpha * (x - value)}. Wilder's smoothing is {@code alpha = 1/period}, an EMA's {@code
 * alpha = 2/(period+1)}.
 *
 * <p>A view that holds no state: its two numbers, the value and how many inputs it has taken, are
 * one of the averages of a {@link FeatureState}, named by a {@link FeatureState.Average} ({@code
 * RSI_GAIN}, ...).
 */
final class SmoothedAverage {

    private final FeatureState.Average slot;
    private final int period;
    private final double alpha;

    private SmoothedAverage(FeatureState.Average slot, int period, double alpha) {
        this.slot = slot;
        this.period = period;
        this.alpha = alpha;
    }

    /** Wilder's smoothing, {@code alpha = 1/period}, of the state's average {@code slot}. */
    static SmoothedAverage wilder(FeatureState.Average slot, int period) {
        return new SmoothedAverage(slot, period, 1.0 / period);
    }

    /** An EMA, {@code alpha = 2/(period+1)}, of the state's average {@code slot}. */
    static SmoothedAverage ema(FeatureState.Average slot, int period) {
        return new SmoothedAverage(slot, period, 2.0 / (period + 1));
    }

    /** Adds one value and returns the new average. */
    double add(FeatureState s, double x) {
        int count = s.averageCount(slot);
        double value = s.average(slot);
        if (count < period) {
            count++;
            value += (x - value) / count;
        } else {
            value += alpha * (x - value);
            if (count < Integer.MAX_VALUE) {
                count++;
            }
        }
        s.setAverage(slot, value, count);
        return value;
    }

    /** The average: the running mean until seeded, then the exponential average. */
    double value(FeatureState s) {
        return s.average(slot);
    }

    /** How many values have been added (saturates at {@link Integer#MAX_VALUE}). */
    int count(FeatureState s) {
        return s.averageCount(slot);
    }

    /** True once {@code period} values have seeded the average. */
    boolean seeded(FeatureState s) {
        return s.averageCount(slot) >= period;
    }
}
