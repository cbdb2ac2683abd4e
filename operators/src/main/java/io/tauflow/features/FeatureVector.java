package io.tauflow.features;

import java.util.Objects;

/**
 * The features of one symbol at the close of one bar, as the agent sees them. Momentum values are
 * log returns over their horizon; volatility is the EWMA standard deviation of one-bar log returns.
 */
public class FeatureVector {
    public String symbol;
    public long eventTimeMs;
    public long intervalMs;
    public double close;
    public double logReturn;
    public double momentumShort;
    public double momentumMid;
    public double momentumLong;
    public double volatility;

    /** EWMA volatility over the slow baseline: above 1 means more turbulent than usual. */
    public double volatilityRatio;

    public double rsi;
    public double sentiment;
    public double bookImbalance;
    public double bookSpreadBps;

    /** True once the longest horizon is filled; the agent does not trade before. */
    public boolean warm;

    public FeatureVector() {}

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FeatureVector)) {
            return false;
        }
        FeatureVector v = (FeatureVector) o;
        return eventTimeMs == v.eventTimeMs
                && Objects.equals(symbol, v.symbol)
                && close == v.close
                && logReturn == v.logReturn
                && momentumShort == v.momentumShort
                && momentumMid == v.momentumMid
                && momentumLong == v.momentumLong
                && volatility == v.volatility
                && rsi == v.rsi
                && warm == v.warm;
    }

    @Override
    public int hashCode() {
        return Objects.hash(symbol, eventTimeMs, close);
    }

    @Override
    public String toString() {
        return String.format(
                "%s@%d close=%.4f mom=%.5f/%.5f/%.5f vol=%.5f rsi=%.2f warm=%s",
                symbol,
                eventTimeMs,
                close,
                momentumShort,
                momentumMid,
                momentumLong,
                volatility,
                rsi,
                warm);
    }
}
