package io.tauflow.features;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** The indicator options ({@code tauflow.features.*}), read by {@link FeatureConfig#from}. */
public final class FeatureOptions {

    private FeatureOptions() {}

    public static final ConfigOption<List<Integer>> MOMENTUM_BARS =
            ConfigOptions.key("tauflow.features.momentum-bars")
                    .intType()
                    .asList()
                    .defaultValues(5, 15, 60)
                    .withDescription(
                            "Short, mid and long momentum horizons in bars (a list: 5;15;60 or [5, 15, 60]).");

    public static final ConfigOption<Integer> RSI_PERIOD =
            ConfigOptions.key("tauflow.features.rsi-period")
                    .intType()
                    .defaultValue(14)
                    .withDescription("RSI period (Wilder smoothing).");

    public static final ConfigOption<Double> VOL_LAMBDA =
            ConfigOptions.key("tauflow.features.volatility-lambda")
                    .doubleType()
                    .defaultValue(0.94)
                    .withDescription("EWMA decay of squared returns.");

    public static final ConfigOption<Duration> SENTIMENT_HALF_LIFE =
            ConfigOptions.key("tauflow.features.sentiment-half-life")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(30))
                    .withDescription("Half-life of a sentiment reading.");

    public static final ConfigOption<Double> SLOW_VOL_LAMBDA =
            ConfigOptions.key("tauflow.features.slow-volatility-lambda")
                    .doubleType()
                    .defaultValue(0.995)
                    .withDescription(
                            "EWMA decay of the slow variance the volatility ratio divides by, (0,1).");

    public static final ConfigOption<Integer> ATR_PERIOD =
            ConfigOptions.key("tauflow.features.atr-period")
                    .intType()
                    .defaultValue(14)
                    .withDescription("ATR period (Wilder smoothing).");

    public static final ConfigOption<Integer> ADX_PERIOD =
            ConfigOptions.key("tauflow.features.adx-period")
                    .intType()
                    .defaultValue(14)
                    .withDescription("Period of +DI/-DI and of the ADX (Wilder smoothing).");

    public static final ConfigOption<Integer> MACD_FAST =
            ConfigOptions.key("tauflow.features.macd-fast")
                    .intType()
                    .defaultValue(12)
                    .withDescription("MACD fast EMA period; below macd-slow.");

    public static final ConfigOption<Integer> MACD_SLOW =
            ConfigOptions.key("tauflow.features.macd-slow")
                    .intType()
                    .defaultValue(26)
                    .withDescription("MACD slow EMA period.");

    public static final ConfigOption<Integer> MACD_SIGNAL =
            ConfigOptions.key("tauflow.features.macd-signal")
                    .intType()
                    .defaultValue(9)
                    .withDescription("MACD signal-line EMA period.");

    public static final ConfigOption<Integer> BOLLINGER_PERIOD =
            ConfigOptions.key("tauflow.features.bollinger-period")
                    .intType()
                    .defaultValue(20)
                    .withDescription(
                            "Bollinger window: SMA and population standard deviation of closes.");

    public static final ConfigOption<Double> BOLLINGER_K =
            ConfigOptions.key("tauflow.features.bollinger-k")
                    .doubleType()
                    .defaultValue(2.0)
                    .withDescription("Bollinger band half-width in standard deviations.");

    public static final ConfigOption<Integer> TREND_MA_PERIOD =
            ConfigOptions.key("tauflow.features.trend-ma-period")
                    .intType()
                    .defaultValue(50)
                    .withDescription("Trend simple moving average of closes (the regime's MA).");

    public static final ConfigOption<Integer> VOLUME_PERIOD =
            ConfigOptions.key("tauflow.features.volume-zscore-period")
                    .intType()
                    .defaultValue(20)
                    .withDescription("Window of the volume z-score.");

    public static final ConfigOption<Integer> VPIN_BARS =
            ConfigOptions.key("tauflow.features.vpin-bars")
                    .intType()
                    .defaultValue(50)
                    .withDescription("Window of the VPIN order-flow toxicity, in bars.");
}
