package io.tauflow.regime;

import io.tauflow.config.OptionReader;
import java.io.Serializable;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Thresholds of the {@link RegimeClassifier}. The rules that use them are in its Javadoc and in
 * docs/FEATURES.md.
 *
 * @param adxTrending ADX strictly above this is a trend (seed: 25)
 * @param adxRanging ADX strictly below this, with a Bollinger squeeze, is a range (seed: 20)
 * @param volatileRatio volatility ratio (fast EWMA volatility over the slow one) strictly above
 *     this is a volatile market
 * @param squeezeAtrMultiplier the Bollinger bands are "squeezed" when they lie inside a Keltner
 *     channel of plus or minus this many ATRs around the middle band: {@code k * sd <
 *     squeezeAtrMultiplier * ATR}
 */
public record RegimeConfig(
        double adxTrending, double adxRanging, double volatileRatio, double squeezeAtrMultiplier)
        implements Serializable {

    public RegimeConfig {
        if (!(adxRanging >= 0 && adxRanging <= adxTrending && adxTrending <= 100)) {
            throw new IllegalArgumentException(
                    "ADX thresholds must satisfy 0 <= ranging <= trending <= 100, got ranging "
                            + adxRanging
                            + ", trending "
                            + adxTrending);
        }
        if (!(volatileRatio > 0 && Double.isFinite(volatileRatio))) {
            throw new IllegalArgumentException(
                    "volatile ratio must be a finite number > 0, got " + volatileRatio);
        }
        if (!(squeezeAtrMultiplier > 0 && Double.isFinite(squeezeAtrMultiplier))) {
            throw new IllegalArgumentException(
                    "squeeze ATR multiplier must be a finite number > 0, got "
                            + squeezeAtrMultiplier);
        }
    }

    /** ADX above 25 trends, below 20 (with a squeeze) ranges; volatile above a ratio of 1.5. */
    public static RegimeConfig defaults() {
        return new RegimeConfig(25.0, 20.0, 1.5, 1.5);
    }

    /** The {@code tauflow.regime.*} options ({@link RegimeOptions}), each checked with its name. */
    public static RegimeConfig from(ReadableConfig conf) {
        return OptionReader.attempt(
                RegimeOptions.ADX_TRENDING,
                () ->
                        new RegimeConfig(
                                OptionReader.get(conf, RegimeOptions.ADX_TRENDING),
                                OptionReader.get(conf, RegimeOptions.ADX_RANGING),
                                OptionReader.get(conf, RegimeOptions.VOLATILE_RATIO),
                                OptionReader.get(conf, RegimeOptions.SQUEEZE_ATR_MULTIPLIER)));
    }
}
