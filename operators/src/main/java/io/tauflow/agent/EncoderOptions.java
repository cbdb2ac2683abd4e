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

    public static final ConfigOption<List<InputBins.Input>> INPUTS =
            ConfigOptions.key("tauflow.encoder.inputs")
                    .enumType(InputBins.Input.class)
                    .asList()
                    .defaultValues()
                    .withDescription(
                            "Input streams that are state dimensions after the eight above, e.g. SENTIMENT;BOOK_IMBALANCE: SENTIMENT (3 bins), BOOK_IMBALANCE (3), BOOK_SPREAD (2), VPIN (2); empty: none, and the preset's size (docs/AGENT.md).");

    public static final ConfigOption<Double> SENTIMENT_EDGE =
            ConfigOptions.key("tauflow.encoder.sentiment-edge")
                    .doubleType()
                    .defaultValue(InputBins.DEFAULT_SENTIMENT_EDGE)
                    .withDescription(
                            "Decayed sentiment (-10..+10) at or beyond +/- this is bullish/bearish, in (0,10].");

    public static final ConfigOption<Double> BOOK_IMBALANCE_EDGE =
            ConfigOptions.key("tauflow.encoder.book-imbalance-edge")
                    .doubleType()
                    .defaultValue(InputBins.DEFAULT_IMBALANCE_EDGE)
                    .withDescription(
                            "Book imbalance (bid - ask)/(bid + ask) at or beyond +/- this leans to one side, in (0,1).");

    public static final ConfigOption<Double> BOOK_SPREAD_EDGE_BPS =
            ConfigOptions.key("tauflow.encoder.book-spread-edge-bps")
                    .doubleType()
                    .defaultValue(InputBins.DEFAULT_SPREAD_EDGE_BPS)
                    .withDescription("Spread in bps at and above which the book is wide (> 0).");

    public static final ConfigOption<Double> VPIN_EDGE =
            ConfigOptions.key("tauflow.encoder.vpin-edge")
                    .doubleType()
                    .defaultValue(InputBins.DEFAULT_VPIN_EDGE)
                    .withDescription("VPIN at and above which the order flow is toxic, in (0,1).");
}
