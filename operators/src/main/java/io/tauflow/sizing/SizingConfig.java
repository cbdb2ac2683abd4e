package io.tauflow.sizing;

import java.io.Serializable;

/**
 * How decisions become order sizes: {@code notional = base * (0.8 + 0.4 * confidence) * emotion
 * factor}, capped at {@code maxNotional}; only BUYs with confidence at or above the threshold (plus
 * the emotion's shift) open a position.
 */
public record SizingConfig(double baseNotional, double confidenceThreshold, double maxNotional)
        implements Serializable {

    public SizingConfig {
        if (!(baseNotional > 0)) {
            throw new IllegalArgumentException("base notional must be > 0, got " + baseNotional);
        }
        if (!(confidenceThreshold >= 0 && confidenceThreshold <= 1)) {
            throw new IllegalArgumentException(
                    "confidence threshold must be in [0,1], got " + confidenceThreshold);
        }
        if (!(maxNotional >= baseNotional * 0.8)) {
            throw new IllegalArgumentException(
                    "max notional " + maxNotional + " is below the smallest order (0.8 x base)");
        }
    }

    public static SizingConfig defaults() {
        return new SizingConfig(150.0, 0.65, 250.0);
    }
}
