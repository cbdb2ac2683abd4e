package io.tauflow.agent;

import io.tauflow.agent.EncoderConfig.Preset;
import io.tauflow.agent.EncoderConfig.RegimeSource;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** The state encoder's options ({@code tauflow.encoder.*}), read by {@link EncoderConfig#from}. */
public final class EncoderOptions {

    private EncoderOptions() {}

    public static final ConfigOption<Preset> PRESET =
            ConfigOptions.key("tauflow.encoder.preset")
                    .enumType(EncoderConfig.Preset.class)
                    .defaultValue(EncoderConfig.Preset.SMALL)
                    .withDescription(
                            "State-space size: SMALL 2,187, MEDIUM 24,000, LARGE 720,300, XLARGE 1,312,200 states (docs/AGENT.md).");

    public static final ConfigOption<List<Integer>> BINS =
            ConfigOptions.key("tauflow.encoder.bins")
                    .intType()
                    .asList()
                    .defaultValues()
                    .withDescription(
                            "Custom bin counts M;V;P;D;S;R (e.g. 7;5;4;5;7;3 or [7, 5, 4, 5, 7, 3]) overriding the preset (empty: the preset's); P in 1..4, R 1, 3 or 5; at most 2^31-1 states.");

    public static final ConfigOption<RegimeSource> REGIME_SOURCE =
            ConfigOptions.key("tauflow.encoder.regime-source")
                    .enumType(EncoderConfig.RegimeSource.class)
                    .defaultValue(EncoderConfig.RegimeSource.MARKET)
                    .withDescription(
                            "Regime dimension: MARKET (the market's regime, the symbol's own while unknown) or SYMBOL.");

    public static final ConfigOption<Double> MOMENTUM_BIN_WIDTH =
            ConfigOptions.key("tauflow.encoder.momentum-bin-width")
                    .doubleType()
                    .defaultValue(EncoderConfig.DEFAULT_MOMENTUM_BIN_WIDTH)
                    .withDescription(
                            "Width of a momentum bin in standard deviations over the horizon (> 0).");

    public static final ConfigOption<Double> VOLATILITY_STEP =
            ConfigOptions.key("tauflow.encoder.volatility-step")
                    .doubleType()
                    .defaultValue(EncoderConfig.DEFAULT_VOLATILITY_STEP)
                    .withDescription(
                            "Volatility-ratio bin edges at step^(2j-V), j = 1..V-1; with V = 3 the middle bin is [1/step, step) (> 1).");

    public static final ConfigOption<Double> BIG_PROFIT =
            ConfigOptions.key("tauflow.encoder.big-profit")
                    .doubleType()
                    .defaultValue(EncoderConfig.DEFAULT_BIG_PROFIT)
                    .withDescription(
                            "Unrealised return (fraction) from which a profit is big, with 4 position bins.");

    public static final ConfigOption<Integer> DURATION_BASE_BARS =
            ConfigOptions.key("tauflow.encoder.duration-base-bars")
                    .intType()
                    .defaultValue(EncoderConfig.DEFAULT_DURATION_BASE_BARS)
                    .withDescription(
                            "Bars held that still fall in the first duration bin; each further bin doubles it.");
}
