package io.tauflow.agent;

import io.tauflow.config.OptionReader;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The shape of the Q-agent's discrete state space: how many bins each dimension has and where the
 * bin edges lie. The presets reproduce the seed's state-space sizes exactly; custom bin counts are
 * allowed as long as the space fits an {@code int} index (the Q-table key).
 *
 * @param momentumBins M, bins of each of the three momentum horizons (the seed's M^3 factor)
 * @param volatilityBins V, bins of the volatility ratio
 * @param positionBins P, 1 (ignored), 2 (idle/long), 3 (idle/profit/loss) or 4 (idle, profit_small,
 *     profit_big, loss)
 * @param durationBins D, bins of the bars a position has been held, on a doubling scale
 * @param streakBins S, bins of the win/loss streak
 * @param regimeBins R, 1 (ignored), 3 (bear/neutral/bull) or 5 (the five regimes)
 * @param regimeSource whose regime the regime dimension reads
 * @param momentumBinWidth width of one momentum bin in standard deviations over the horizon
 * @param volatilityStep the volatility-ratio factor from the centre to the first edge (the centre
 *     bin is [1/step, step) when V is odd)
 * @param bigProfit unrealised return (fraction of the entry price) from which a profit is "big"
 * @param durationBaseBars bars held that still count as the shortest duration bin
 */
public record EncoderConfig(
        int momentumBins,
        int volatilityBins,
        int positionBins,
        int durationBins,
        int streakBins,
        int regimeBins,
        RegimeSource regimeSource,
        double momentumBinWidth,
        double volatilityStep,
        double bigProfit,
        int durationBaseBars)
        implements Serializable {

    /** Whose regime the state's regime dimension uses. */
    public enum RegimeSource {
        /**
         * The market-wide regime, falling back to the symbol's own while the market's is unknown.
         */
        MARKET,
        /** The symbol's own regime. */
        SYMBOL
    }

    /** Named bin counts (M, V, P, D, S, R) whose sizes are the seed's table. */
    public enum Preset {
        /** 3^7 = 2,187: seven dimensions of three bins, duration ignored (D = 1). */
        SMALL(3, 3, 3, 1, 3, 3),
        /** 5^3 x 4 x 4 x 2 x 2 x 3 = 24,000. */
        MEDIUM(5, 4, 4, 2, 2, 3),
        /** 7^3 x 5 x 4 x 5 x 7 x 3 = 720,300. */
        LARGE(7, 5, 4, 5, 7, 3),
        /** 9^3 x 5 x 4 x 5 x 6 x 3 = 1,312,200. */
        XLARGE(9, 5, 4, 5, 6, 3);

        final int m;
        final int v;
        final int p;
        final int d;
        final int s;
        final int r;

        Preset(int m, int v, int p, int d, int s, int r) {
            this.m = m;
            this.v = v;
            this.p = p;
            this.d = d;
            this.s = s;
            this.r = r;
        }

        public EncoderConfig config() {
            return EncoderConfig.of(m, v, p, d, s, r);
        }
    }

    public static final double DEFAULT_MOMENTUM_BIN_WIDTH = 1.0;
    public static final double DEFAULT_VOLATILITY_STEP = 1.25;
    public static final double DEFAULT_BIG_PROFIT = 0.01;
    public static final int DEFAULT_DURATION_BASE_BARS = 2;

    public EncoderConfig {
        check(momentumBins >= 1, "momentum bins must be >= 1, got " + momentumBins);
        check(volatilityBins >= 1, "volatility bins must be >= 1, got " + volatilityBins);
        check(
                positionBins >= 1 && positionBins <= 4,
                "position bins must be 1, 2, 3 or 4, got " + positionBins);
        check(durationBins >= 1, "duration bins must be >= 1, got " + durationBins);
        check(streakBins >= 1, "streak bins must be >= 1, got " + streakBins);
        check(
                regimeBins == 1 || regimeBins == 3 || regimeBins == 5,
                "regime bins must be 1, 3 or 5, got " + regimeBins);
        check(regimeSource != null, "regime source must be MARKET or SYMBOL");
        check(
                momentumBinWidth > 0 && Double.isFinite(momentumBinWidth),
                "momentum bin width must be > 0, got " + momentumBinWidth);
        check(
                volatilityStep > 1 && Double.isFinite(volatilityStep),
                "volatility step must be > 1, got " + volatilityStep);
        check(
                bigProfit > 0 && Double.isFinite(bigProfit),
                "big profit threshold must be > 0, got " + bigProfit);
        check(durationBaseBars >= 1, "duration base must be >= 1 bar, got " + durationBaseBars);
        long size = sizeOf(momentumBins, volatilityBins, positionBins, durationBins, streakBins);
        check(
                size <= Integer.MAX_VALUE / regimeBins,
                "state space "
                        + describe(
                                momentumBins,
                                volatilityBins,
                                positionBins,
                                durationBins,
                                streakBins,
                                regimeBins)
                        + " has more than "
                        + Integer.MAX_VALUE
                        + " states");
    }

    /** Custom bin counts with the default edges and the MARKET regime source. */
    public static EncoderConfig of(int m, int v, int p, int d, int s, int r) {
        return new EncoderConfig(
                m,
                v,
                p,
                d,
                s,
                r,
                RegimeSource.MARKET,
                DEFAULT_MOMENTUM_BIN_WIDTH,
                DEFAULT_VOLATILITY_STEP,
                DEFAULT_BIG_PROFIT,
                DEFAULT_DURATION_BASE_BARS);
    }

    /** A preset by name, case-insensitive: small, medium, large or xlarge. */
    public static EncoderConfig preset(String name) {
        try {
            return Preset.valueOf(name.trim().toUpperCase(Locale.ROOT)).config();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown state-space preset '"
                            + name
                            + "'; accepted: small, medium, large, xlarge");
        }
    }

    /**
     * Bin counts M, V, P, D, S, R, e.g. {@code [7, 5, 4, 5, 7, 3]}; edges and regime source are
     * taken from this config.
     */
    public EncoderConfig withBins(List<Integer> bins) {
        if (bins.size() != 6) {
            throw new IllegalArgumentException(
                    "bins must be six counts M, V, P, D, S, R (e.g. [7, 5, 4, 5, 7, 3]), got "
                            + bins);
        }
        int[] b = bins.stream().mapToInt(Integer::intValue).toArray();
        return new EncoderConfig(
                b[0],
                b[1],
                b[2],
                b[3],
                b[4],
                b[5],
                regimeSource,
                momentumBinWidth,
                volatilityStep,
                bigProfit,
                durationBaseBars);
    }

    public EncoderConfig withRegimeSource(RegimeSource source) {
        return new EncoderConfig(
                momentumBins,
                volatilityBins,
                positionBins,
                durationBins,
                streakBins,
                regimeBins,
                source,
                momentumBinWidth,
                volatilityStep,
                bigProfit,
                durationBaseBars);
    }

    public EncoderConfig withEdges(
            double momentumBinWidth,
            double volatilityStep,
            double bigProfit,
            int durationBaseBars) {
        return new EncoderConfig(
                momentumBins,
                volatilityBins,
                positionBins,
                durationBins,
                streakBins,
                regimeBins,
                regimeSource,
                momentumBinWidth,
                volatilityStep,
                bigProfit,
                durationBaseBars);
    }

    /** Number of states, M^3 x V x P x D x S x R. */
    public long size() {
        return sizeOf(momentumBins, volatilityBins, positionBins, durationBins, streakBins)
                * regimeBins;
    }

    /** The bin count of each of the eight dimensions, most significant first. */
    public int[] radices() {
        return new int[] {
            momentumBins,
            momentumBins,
            momentumBins,
            volatilityBins,
            positionBins,
            durationBins,
            streakBins,
            regimeBins
        };
    }

    @Override
    public String toString() {
        return describe(
                        momentumBins,
                        volatilityBins,
                        positionBins,
                        durationBins,
                        streakBins,
                        regimeBins)
                + " = "
                + size()
                + " states";
    }

    private static String describe(int m, int v, int p, int d, int s, int r) {
        return "M=" + m + ", V=" + v + ", P=" + p + ", D=" + d + ", S=" + s + ", R=" + r;
    }

    /** M^3 x V x P x D x S, saturating at Long.MAX_VALUE instead of overflowing. */
    private static long sizeOf(int m, int v, int p, int d, int s) {
        long size = 1;
        for (int b : new int[] {m, m, m, v, p, d, s}) {
            if (size > Long.MAX_VALUE / Math.max(1, b)) {
                return Long.MAX_VALUE;
            }
            size *= b;
        }
        return size;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * The {@code tauflow.encoder.*} options ({@link EncoderOptions}), each checked with its name.
     */
    public static EncoderConfig from(ReadableConfig conf) {
        return OptionReader.attempt(
                EncoderOptions.PRESET,
                () -> {
                    EncoderConfig c =
                            OptionReader.get(conf, EncoderOptions.PRESET)
                                    .config()
                                    .withRegimeSource(
                                            OptionReader.get(conf, EncoderOptions.REGIME_SOURCE))
                                    .withEdges(
                                            OptionReader.get(
                                                    conf, EncoderOptions.MOMENTUM_BIN_WIDTH),
                                            OptionReader.get(conf, EncoderOptions.VOLATILITY_STEP),
                                            OptionReader.get(conf, EncoderOptions.BIG_PROFIT),
                                            OptionReader.get(
                                                    conf, EncoderOptions.DURATION_BASE_BARS));
                    List<Integer> bins = OptionReader.get(conf, EncoderOptions.BINS);
                    if (bins.isEmpty()) {
                        return c;
                    }
                    if (bins.size() != 6) {
                        throw new IllegalArgumentException(
                                "option "
                                        + EncoderOptions.BINS.key()
                                        + " must be six bin counts M;V;P;D;S;R, got "
                                        + bins);
                    }
                    try {
                        return c.withBins(bins);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(
                                "option " + EncoderOptions.BINS.key() + ": " + e.getMessage(), e);
                    }
                });
    }
}
