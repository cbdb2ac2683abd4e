package io.tauflow.features;

import io.tauflow.schema.Regime;
import java.util.Arrays;
import java.util.Objects;

/**
 * The features of one symbol at the close of one bar, as the agent sees them. Momentum values are
 * log returns over their horizon; volatility is the EWMA standard deviation of one-bar log returns.
 */
public class FeatureVector {
    public String symbol;
    public long eventTimeMs;
    public long intervalMs;
    public double high;
    public double low;
    public double close;
    public double volume;

    /** log(close / previous close); 0 on the symbol's first bar (see {@link #hasPrevious}). */
    public double logReturn;

    /** True from the symbol's second bar on: {@link #logReturn} is a real one-bar return. */
    public boolean hasPrevious;

    public double momentumShort;
    public double momentumMid;
    public double momentumLong;
    public double volatility;

    /** EWMA volatility over the slow baseline: above 1 means more turbulent than usual. */
    public double volatilityRatio;

    public double rsi;

    /** Average true range, Wilder smoothing, in price units. */
    public double atr;

    /** ADX and the directional indicators +DI / -DI, Wilder smoothing, 0..100. */
    public double adx;

    public double plusDi;
    public double minusDi;

    /** MACD line (fast EMA - slow EMA of closes), its signal EMA, and line - signal. */
    public double macd;

    public double macdSignal;
    public double macdHistogram;

    /** Bollinger %b: (close - lower) / (upper - lower); 0.5 when the band has no width. */
    public double bollingerPercentB;

    /** Bollinger bandwidth: (upper - lower) / middle, as a fraction (not percent). */
    public double bollingerBandwidth;

    /** Simple moving average of closes over the trend period: the regime's "MA". */
    public double trendMa;

    /** (volume - mean) / standard deviation of volume over the volume period. */
    public double volumeZ;

    /** VPIN-style order-flow toxicity, 0..1: sum |buy - sell| / sum volume over recent bars. */
    public double vpin;

    public double sentiment;
    public double bookImbalance;
    public double bookSpreadBps;

    /** Total quantity over the levels of the latest book, bids plus asks (base units). */
    public double bookDepth;

    /** This symbol's own regime at this bar. */
    public Regime regime = Regime.RANGE_BOUND;

    /**
     * The market-wide regime (of the reference symbol) at this bar's time, stamped by the market
     * regime stage from broadcast state; null when the market's regime is not known yet.
     */
    public Regime marketRegime;

    /**
     * True once every indicator is warmed up: each Wilder/EMA average seeded, every window full and
     * the long momentum horizon filled (from bar index {@link FeatureConfig#warmUpBars()} on).
     * Values before are partial; the agent does not trade before.
     */
    public boolean warm;

    public FeatureVector() {}

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FeatureVector)) {
            return false;
        }
        FeatureVector v = (FeatureVector) o;
        return eventTimeMs == v.eventTimeMs
                && intervalMs == v.intervalMs
                && Objects.equals(symbol, v.symbol)
                && Arrays.equals(values(), v.values())
                && hasPrevious == v.hasPrevious
                && regime == v.regime
                && marketRegime == v.marketRegime
                && warm == v.warm;
    }

    /** Every numeric field, in declaration order (for equality). */
    private double[] values() {
        return new double[] {
            high,
            low,
            close,
            volume,
            logReturn,
            momentumShort,
            momentumMid,
            momentumLong,
            volatility,
            volatilityRatio,
            rsi,
            atr,
            adx,
            plusDi,
            minusDi,
            macd,
            macdSignal,
            macdHistogram,
            bollingerPercentB,
            bollingerBandwidth,
            trendMa,
            volumeZ,
            vpin,
            sentiment,
            bookImbalance,
            bookSpreadBps,
            bookDepth
        };
    }

    @Override
    public int hashCode() {
        return Objects.hash(symbol, eventTimeMs, close);
    }

    @Override
    public String toString() {
        return String.format(
                "%s@%d close=%.4f mom=%.5f/%.5f/%.5f vol=%.5f rsi=%.2f adx=%.2f regime=%s warm=%s",
                symbol,
                eventTimeMs,
                close,
                momentumShort,
                momentumMid,
                momentumLong,
                volatility,
                rsi,
                adx,
                regime,
                warm);
    }
}
