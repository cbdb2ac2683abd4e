package io.tauflow.features;

import io.tauflow.config.OptionReader;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Indicator periods and decays. Horizons and periods are in bars, so the same settings work for any
 * bar interval. The exact formulas are in {@link FeatureCalculator} and docs/FEATURES.md.
 *
 * @param shortBars momentum horizon, short
 * @param midBars momentum horizon, mid
 * @param longBars momentum horizon, long
 * @param volLambda EWMA decay of squared returns (RiskMetrics: 0.94)
 * @param slowVolLambda decay of the slow variance the volatility ratio compares against
 * @param rsiPeriod RSI period, Wilder smoothing
 * @param atrPeriod ATR period, Wilder smoothing
 * @param adxPeriod period of the +DI/-DI smoothing and of the ADX smoothing, Wilder
 * @param macdFast fast EMA period of the MACD line
 * @param macdSlow slow EMA period of the MACD line
 * @param macdSignal EMA period of the MACD signal line
 * @param bollingerPeriod window of the Bollinger middle band (SMA) and standard deviation
 * @param bollingerK band half-width in standard deviations
 * @param trendMaPeriod window of the trend simple moving average (the regime's "MA")
 * @param volumePeriod window of the volume z-score
 * @param vpinBars window of the VPIN order-flow toxicity, in bars
 * @param sentimentHalfLifeMs half-life of a sentiment reading
 */
public record FeatureConfig(
        int shortBars,
        int midBars,
        int longBars,
        double volLambda,
        double slowVolLambda,
        int rsiPeriod,
        int atrPeriod,
        int adxPeriod,
        int macdFast,
        int macdSlow,
        int macdSignal,
        int bollingerPeriod,
        double bollingerK,
        int trendMaPeriod,
        int volumePeriod,
        int vpinBars,
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
        require(atrPeriod >= 2, "ATR period must be >= 2, got " + atrPeriod);
        require(adxPeriod >= 2, "ADX period must be >= 2, got " + adxPeriod);
        require(
                macdFast >= 1 && macdFast < macdSlow && macdSignal >= 1,
                "MACD periods must satisfy 1 <= fast < slow and signal >= 1, got "
                        + macdFast
                        + "/"
                        + macdSlow
                        + "/"
                        + macdSignal);
        require(bollingerPeriod >= 2, "Bollinger period must be >= 2, got " + bollingerPeriod);
        require(
                bollingerK > 0 && Double.isFinite(bollingerK),
                "Bollinger k must be > 0, got " + bollingerK);
        require(trendMaPeriod >= 2, "trend MA period must be >= 2, got " + trendMaPeriod);
        require(volumePeriod >= 2, "volume z-score period must be >= 2, got " + volumePeriod);
        require(vpinBars >= 1, "VPIN bars must be >= 1, got " + vpinBars);
        require(
                sentimentHalfLifeMs > 0,
                "sentiment half-life must be > 0 ms, got " + sentimentHalfLifeMs);
    }

    /**
     * Momentum 5/15/60 bars, EWMA lambda 0.94 (slow 0.995), RSI 14, ATR 14, ADX 14, MACD 12/26/9,
     * Bollinger 20 x 2, trend MA 50, volume z-score 20, VPIN 50 bars, sentiment half-life 30 min.
     */
    public static FeatureConfig defaults() {
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.shortBars = shortBars;
        b.midBars = midBars;
        b.longBars = longBars;
        b.volLambda = volLambda;
        b.slowVolLambda = slowVolLambda;
        b.rsiPeriod = rsiPeriod;
        b.atrPeriod = atrPeriod;
        b.adxPeriod = adxPeriod;
        b.macdFast = macdFast;
        b.macdSlow = macdSlow;
        b.macdSignal = macdSignal;
        b.bollingerPeriod = bollingerPeriod;
        b.bollingerK = bollingerK;
        b.trendMaPeriod = trendMaPeriod;
        b.volumePeriod = volumePeriod;
        b.vpinBars = vpinBars;
        b.sentimentHalfLifeMs = sentimentHalfLifeMs;
        return b;
    }

    /**
     * Bars until every indicator is warmed up (see {@link FeatureVector#warm}): the vector of the
     * bar with this zero-based index is the first warm one.
     */
    public int warmUpBars() {
        int adxReady = 2 * adxPeriod - 1;
        int macdReady = macdSlow - 1 + macdSignal - 1;
        int windows = Math.max(Math.max(bollingerPeriod, trendMaPeriod), volumePeriod);
        return Math.max(
                Math.max(longBars, Math.max(rsiPeriod, atrPeriod)),
                Math.max(Math.max(adxReady, macdReady), Math.max(windows, vpinBars) - 1));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Named setters over {@link #defaults()}, so callers need not pass 17 positional values. */
    public static final class Builder {
        private int shortBars = 5;
        private int midBars = 15;
        private int longBars = 60;
        private double volLambda = 0.94;
        private double slowVolLambda = 0.995;
        private int rsiPeriod = 14;
        private int atrPeriod = 14;
        private int adxPeriod = 14;
        private int macdFast = 12;
        private int macdSlow = 26;
        private int macdSignal = 9;
        private int bollingerPeriod = 20;
        private double bollingerK = 2.0;
        private int trendMaPeriod = 50;
        private int volumePeriod = 20;
        private int vpinBars = 50;
        private long sentimentHalfLifeMs = 30 * 60_000L;

        private Builder() {}

        public Builder momentumBars(int shortBars, int midBars, int longBars) {
            this.shortBars = shortBars;
            this.midBars = midBars;
            this.longBars = longBars;
            return this;
        }

        public Builder volLambda(double volLambda) {
            this.volLambda = volLambda;
            return this;
        }

        public Builder slowVolLambda(double slowVolLambda) {
            this.slowVolLambda = slowVolLambda;
            return this;
        }

        public Builder rsiPeriod(int rsiPeriod) {
            this.rsiPeriod = rsiPeriod;
            return this;
        }

        public Builder atrPeriod(int atrPeriod) {
            this.atrPeriod = atrPeriod;
            return this;
        }

        public Builder adxPeriod(int adxPeriod) {
            this.adxPeriod = adxPeriod;
            return this;
        }

        public Builder macd(int fast, int slow, int signal) {
            this.macdFast = fast;
            this.macdSlow = slow;
            this.macdSignal = signal;
            return this;
        }

        public Builder bollinger(int period, double k) {
            this.bollingerPeriod = period;
            this.bollingerK = k;
            return this;
        }

        public Builder trendMaPeriod(int trendMaPeriod) {
            this.trendMaPeriod = trendMaPeriod;
            return this;
        }

        public Builder volumePeriod(int volumePeriod) {
            this.volumePeriod = volumePeriod;
            return this;
        }

        public Builder vpinBars(int vpinBars) {
            this.vpinBars = vpinBars;
            return this;
        }

        public Builder sentimentHalfLifeMs(long sentimentHalfLifeMs) {
            this.sentimentHalfLifeMs = sentimentHalfLifeMs;
            return this;
        }

        /** Validates and builds; throws {@link IllegalArgumentException} naming the problem. */
        public FeatureConfig build() {
            return new FeatureConfig(
                    shortBars,
                    midBars,
                    longBars,
                    volLambda,
                    slowVolLambda,
                    rsiPeriod,
                    atrPeriod,
                    adxPeriod,
                    macdFast,
                    macdSlow,
                    macdSignal,
                    bollingerPeriod,
                    bollingerK,
                    trendMaPeriod,
                    volumePeriod,
                    vpinBars,
                    sentimentHalfLifeMs);
        }
    }

    /**
     * The {@code tauflow.features.*} options ({@link FeatureOptions}), each checked with its name.
     */
    public static FeatureConfig from(ReadableConfig conf) {
        List<Integer> bars =
                OptionReader.list(
                        conf, FeatureOptions.MOMENTUM_BARS, 3, "three bar counts short, mid, long");
        return OptionReader.attempt(
                FeatureOptions.MOMENTUM_BARS,
                () ->
                        builder()
                                .momentumBars(bars.get(0), bars.get(1), bars.get(2))
                                .volLambda(OptionReader.get(conf, FeatureOptions.VOL_LAMBDA))
                                .slowVolLambda(
                                        OptionReader.get(conf, FeatureOptions.SLOW_VOL_LAMBDA))
                                .rsiPeriod(OptionReader.get(conf, FeatureOptions.RSI_PERIOD))
                                .atrPeriod(OptionReader.get(conf, FeatureOptions.ATR_PERIOD))
                                .adxPeriod(OptionReader.get(conf, FeatureOptions.ADX_PERIOD))
                                .macd(
                                        OptionReader.get(conf, FeatureOptions.MACD_FAST),
                                        OptionReader.get(conf, FeatureOptions.MACD_SLOW),
                                        OptionReader.get(conf, FeatureOptions.MACD_SIGNAL))
                                .bollinger(
                                        OptionReader.get(conf, FeatureOptions.BOLLINGER_PERIOD),
                                        OptionReader.get(conf, FeatureOptions.BOLLINGER_K))
                                .trendMaPeriod(
                                        OptionReader.get(conf, FeatureOptions.TREND_MA_PERIOD))
                                .volumePeriod(OptionReader.get(conf, FeatureOptions.VOLUME_PERIOD))
                                .vpinBars(OptionReader.get(conf, FeatureOptions.VPIN_BARS))
                                .sentimentHalfLifeMs(
                                        OptionReader.get(conf, FeatureOptions.SENTIMENT_HALF_LIFE)
                                                .toMillis())
                                .build());
    }
}
