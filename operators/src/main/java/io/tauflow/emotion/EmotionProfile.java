package io.tauflow.emotion;

import io.tauflow.schema.Emotion;

/**
 * What an emotion does to trading: fear, greed, confidence and patience (each 0..1), the factor
 * applied to order size and the amount added to the confidence threshold.
 */
public enum EmotionProfile {
    NEUTRAL(0.3, 0.3, 0.5, 0.5, 1.00, 0.00),
    HAPPY(0.2, 0.5, 0.7, 0.5, 1.10, 0.00),
    EXCITED(0.1, 0.8, 0.8, 0.3, 1.20, -0.02),
    CAUTIOUS(0.5, 0.2, 0.4, 0.6, 0.75, 0.05),
    WORRIED(0.7, 0.1, 0.3, 0.7, 0.50, 0.10),
    SCARED(0.9, 0.05, 0.2, 0.8, 0.25, 0.15);

    public final double fear;
    public final double greed;
    public final double confidence;
    public final double patience;
    public final double sizeFactor;
    public final double thresholdShift;

    EmotionProfile(
            double fear,
            double greed,
            double confidence,
            double patience,
            double sizeFactor,
            double thresholdShift) {
        this.fear = fear;
        this.greed = greed;
        this.confidence = confidence;
        this.patience = patience;
        this.sizeFactor = sizeFactor;
        this.thresholdShift = thresholdShift;
    }

    public static EmotionProfile of(Emotion e) {
        return valueOf(e.name());
    }
}
