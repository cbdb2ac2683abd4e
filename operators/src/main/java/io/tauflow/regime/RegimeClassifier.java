package io.tauflow.regime;

import io.tauflow.schema.Regime;

/**
 * Classifies one symbol's market at one bar into a {@link Regime}, from its indicators and its
 * previous regime. Pure and deterministic: the same inputs give the same regime.
 *
 * <p>The bias is up when {@code close >= trendMa} and down otherwise. The rules, first match wins:
 *
 * <ol>
 *   <li>{@code volatilityRatio > volatileRatio}: {@code BULL_VOLATILE} (bias up) or {@code
 *       BEAR_VOLATILE} (bias down);
 *   <li>{@code adx > adxTrending}: {@code BULL_TRENDING} or {@code BEAR_TRENDING} by the bias;
 *   <li>{@code adx < adxRanging} and a Bollinger squeeze ({@code bollingerWidth < 2 *
 *       squeezeAtrMultiplier * atr}, i.e. the bands inside a Keltner channel): {@code RANGE_BOUND};
 *   <li>otherwise the previous regime is kept (hysteresis: an ADX between the two thresholds, or a
 *       low ADX without a squeeze, is not evidence enough to switch).
 * </ol>
 *
 * <p>Volatility is checked first because a volatility burst changes how every other reading should
 * be trusted; the seed's table (ADX &gt; 25 and price against the MA for trends, ADX &lt; 20 and a
 * squeeze for ranges) is rules 2 and 3.
 */
public final class RegimeClassifier {

    private final RegimeConfig config;

    public RegimeClassifier(RegimeConfig config) {
        this.config = config;
    }

    public RegimeConfig config() {
        return config;
    }

    /**
     * The regime at this bar.
     *
     * @param previous the regime at the symbol's previous bar; {@code null} counts as {@code
     *     RANGE_BOUND}
     * @param adx ADX, 0..100
     * @param close the bar's close
     * @param trendMa the trend moving average
     * @param volatilityRatio fast over slow volatility
     * @param bollingerWidth upper minus lower Bollinger band, in price units
     * @param atr average true range, in price units
     */
    public Regime classify(
            Regime previous,
            double adx,
            double close,
            double trendMa,
            double volatilityRatio,
            double bollingerWidth,
            double atr) {
        boolean up = close >= trendMa;
        if (volatilityRatio > config.volatileRatio()) {
            return up ? Regime.BULL_VOLATILE : Regime.BEAR_VOLATILE;
        }
        if (adx > config.adxTrending()) {
            return up ? Regime.BULL_TRENDING : Regime.BEAR_TRENDING;
        }
        if (adx < config.adxRanging() && squeeze(bollingerWidth, atr)) {
            return Regime.RANGE_BOUND;
        }
        return previous == null ? Regime.RANGE_BOUND : previous;
    }

    /** True when the Bollinger bands lie inside the Keltner channel of the configured ATRs. */
    public boolean squeeze(double bollingerWidth, double atr) {
        return bollingerWidth < 2 * config.squeezeAtrMultiplier() * atr;
    }
}
