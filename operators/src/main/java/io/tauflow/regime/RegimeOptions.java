package io.tauflow.regime;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The regime classifier's thresholds ({@code tauflow.regime.*}, read by {@link RegimeConfig#from})
 * and the market-wide regime ({@code tauflow.market.*}, read by {@link MarketRegimeConfig#from}).
 */
public final class RegimeOptions {

    private RegimeOptions() {}

    public static final ConfigOption<Double> ADX_TRENDING =
            ConfigOptions.key("tauflow.regime.adx-trending")
                    .doubleType()
                    .defaultValue(25.0)
                    .withDescription("ADX above this is a trend (BULL_/BEAR_TRENDING).");

    public static final ConfigOption<Double> ADX_RANGING =
            ConfigOptions.key("tauflow.regime.adx-ranging")
                    .doubleType()
                    .defaultValue(20.0)
                    .withDescription(
                            "ADX below this, with a Bollinger squeeze, is RANGE_BOUND; at most adx-trending.");

    public static final ConfigOption<Double> VOLATILE_RATIO =
            ConfigOptions.key("tauflow.regime.volatile-ratio")
                    .doubleType()
                    .defaultValue(1.5)
                    .withDescription(
                            "Volatility ratio (fast over slow EWMA volatility) above this is BULL_/BEAR_VOLATILE; checked first.");

    public static final ConfigOption<Double> SQUEEZE_ATR_MULTIPLIER =
            ConfigOptions.key("tauflow.regime.squeeze-atr-multiplier")
                    .doubleType()
                    .defaultValue(1.5)
                    .withDescription(
                            "Bollinger squeeze: the bands lie inside middle +/- this many ATRs (k * sd < m * ATR).");

    public static final ConfigOption<String> MARKET_REFERENCE_SYMBOL =
            ConfigOptions.key("tauflow.market.reference-symbol")
                    .stringType()
                    .defaultValue("SPY")
                    .withDescription(
                            "Symbol whose regime is the market-wide regime, broadcast to every symbol's agent; each agent then holds its market events until the watermark passes them. Empty: no market regime, events are used as they arrive (each agent uses its own symbol's regime).");

    public static final ConfigOption<Duration> MARKET_REGIME_MAX_AGE =
            ConfigOptions.key("tauflow.market.regime-max-age")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(15))
                    .withDescription(
                            "A reference bar older than this (before a symbol's bar) does not count; the agent then uses the symbol's own regime.");
}
