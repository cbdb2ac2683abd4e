package io.tauflow.features;

import java.io.Serializable;

/**
 * Indicator periods. Horizons are in bars, so the same settings work for any bar interval.
 *
 * @param shortBars momentum horizon, short
 * @param midBars momentum horizon, mid
 * @param longBars momentum horizon, long; also the warm-up length
 * @param volLambda EWMA decay of squared returns (RiskMetrics: 0.94)
 * @param slowVolLambda decay of the slow variance the volatility ratio compares against
 * @param rsiPeriod RSI period, Wilder smoothing
 * @param sentimentHalfLifeMs half-life of a sentiment reading
 */
public record FeatureConfig(
        int shortBars,
        int midBars,
        int longBars,
        double volLambda,
        double slowVolLambda,
        int rsiPeriod,
        long sentimentHalfLifeMs)
        implements Serializable {

    public FeatureConfig {
        require(
                shortBars >= 1 && shortBars < midBars && midBars < longBars,
                "momentum horizons must satisfy 1 <= short < mid < long, got "
                        + shortBars
                        + "/"
                        + midBars
                        + "/"
                        + longBars);
        require(
                volLambda > 0 && volLambda < 1,
                "volatility lambda must be in (0,1), got " + volLambda);
        require(
                slowVolLambda > 0 && slowVolLambda < 1,
                "slow volatility lambda must be in (0,1), got " + slowVolLambda);
        require(rsiPeriod >= 2, "RSI period must be >= 2, got " + rsiPeriod);
        require(
                sentimentHalfLifeMs > 0,
                "sentiment half-life must be > 0 ms, got " + sentimentHalfLifeMs);
    }

    public static FeatureConfig defaults() {
        return new FeatureConfig(5, 15, 60, 0.94, 0.995, 14, 30 * 60_000L);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
