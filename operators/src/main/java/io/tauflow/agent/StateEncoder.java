package io.tauflow.agent;

import io.tauflow.features.FeatureConfig;
import io.tauflow.features.FeatureVector;
import io.tauflow.schema.Regime;
import java.io.Serializable;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Maps features and the agent's own situation to one discrete state index: a mixed-radix number
 * over eight dimensions in the seed's order, most significant first,
 *
 * <pre>
 * index = ((((((ms * M + mm) * M + ml) * V + vol) * P + pos) * D + dur) * S + streak) * R + regime
 * </pre>
 *
 * which expands to the seed's formula {@code ms*M^2*V*P*D*S*R + mm*M*V*P*D*S*R + ...}. Bin counts
 * come from an {@link EncoderConfig}; docs/AGENT.md describes the binning of every dimension:
 *
 * <ul>
 *   <li>momentum (short, mid, long): z = momentum / (volatility x sqrt(horizon)), M equal-width
 *       bins of {@code momentumBinWidth} centred on 0, the outer bins open-ended; without
 *       volatility only the sign counts;
 *   <li>volatility: the volatility ratio in V bins of equal width in log space centred on 1, edges
 *       at step^(2j - V) for j = 1..V-1;
 *   <li>position: 1 bin (ignored); 2 idle/long; 3 idle/profit/loss; 4 idle/profit_small/
 *       profit_big/loss, "big" from {@code bigProfit} unrealised return on;
 *   <li>duration: bin 0 when flat or held at most {@code base} bars, bin k when held more than base
 *       x 2^(k-1) and at most base x 2^k bars, the last bin open-ended;
 *   <li>streak: a single win or loss counts as no streak; beyond it the streak is clamped around
 *       the centre bin (an even S gives the extra bin to the losing side);
 *   <li>regime: R = 1 ignored, R = 3 bear/neutral/bull, R = 5 the regimes themselves (in {@link
 *       Regime} order), read from the market or the symbol as configured.
 * </ul>
 *
 * A bin is half-open: a value on an edge belongs to the upper bin.
 */
public final class StateEncoder implements Serializable {

    private static final long serialVersionUID = 2L;

    /**
     * Momentum short, mid, long, volatility, position, duration, streak, regime, then the input
     * dimensions of {@link InputBins} (sentiment, book imbalance, book spread, VPIN; one bin each
     * when off).
     */
    public static final int DIMENSIONS = 12;

    private final EncoderConfig config;
    private final InputBins inputs;
    private final boolean hasInputs;
    private final int shortBars;
    private final int midBars;
    private final int longBars;
    private final int[] radices;
    private final double[] momentumEdges;
    private final double[] volatilityEdges;
    private final int size;

    public StateEncoder(EncoderConfig config, int shortBars, int midBars, int longBars) {
        this(config, shortBars, midBars, longBars, InputBins.NONE);
    }

    public StateEncoder(
            EncoderConfig config, int shortBars, int midBars, int longBars, InputBins inputs) {
        if (shortBars < 1 || midBars < 1 || longBars < 1) {
            throw new IllegalArgumentException(
                    "momentum horizons must be >= 1 bar, got "
                            + shortBars
                            + ","
                            + midBars
                            + ","
                            + longBars);
        }
        this.config = config;
        this.inputs = inputs;
        this.hasInputs = !inputs.inputs().isEmpty();
        this.shortBars = shortBars;
        this.midBars = midBars;
        this.longBars = longBars;
        int[] own = config.radices();
        int[] extra = inputs.radices();
        this.radices = java.util.Arrays.copyOf(own, own.length + extra.length);
        System.arraycopy(extra, 0, radices, own.length, extra.length);
        long n = config.size();
        for (int r : extra) {
            n *= r;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "state space "
                            + config
                            + " with inputs "
                            + inputs.inputs()
                            + " has "
                            + n
                            + " states, more than "
                            + Integer.MAX_VALUE);
        }
        this.size = (int) n;
        this.momentumEdges = new double[config.momentumBins() - 1];
        for (int j = 1; j < config.momentumBins(); j++) {
            momentumEdges[j - 1] = config.momentumBinWidth() * (j - config.momentumBins() / 2.0);
        }
        this.volatilityEdges = new double[config.volatilityBins() - 1];
        for (int j = 1; j < config.volatilityBins(); j++) {
            volatilityEdges[j - 1] =
                    power(config.volatilityStep(), 2 * j - config.volatilityBins());
        }
    }

    /** The seed's small space (3^7 = 2,187 states) over these momentum horizons. */
    public StateEncoder(int shortBars, int midBars, int longBars) {
        this(EncoderConfig.Preset.SMALL.config(), shortBars, midBars, longBars);
    }

    public EncoderConfig config() {
        return config;
    }

    public InputBins inputs() {
        return inputs;
    }

    /** Number of states; every index is in 0..size()-1. */
    public int size() {
        return size;
    }

    /** Bin count of each dimension, most significant first. */
    public int[] radices() {
        return radices.clone();
    }

    /** The bins of each dimension, most significant first. */
    public int[] bins(FeatureVector v, AgentState s) {
        return new int[] {
            momentumBin(v.momentumShort, v.volatility, shortBars),
            momentumBin(v.momentumMid, v.volatility, midBars),
            momentumBin(v.momentumLong, v.volatility, longBars),
            volatilityBin(v.volatilityRatio),
            positionBin(s, v.close),
            durationBin(s, v),
            streakBin(s.streak()),
            regimeBin(regime(v)),
            inputs.sentimentBin(v.sentiment),
            inputs.imbalanceBin(v.bookImbalance),
            inputs.spreadBin(v.bookSpreadBps),
            inputs.vpinBin(v.vpin)
        };
    }

    /** The state index of these features and this situation; allocates nothing. */
    public int encode(FeatureVector v, AgentState s) {
        int index = momentumBin(v.momentumShort, v.volatility, shortBars);
        index = index * radices[1] + momentumBin(v.momentumMid, v.volatility, midBars);
        index = index * radices[2] + momentumBin(v.momentumLong, v.volatility, longBars);
        index = index * radices[3] + volatilityBin(v.volatilityRatio);
        index = index * radices[4] + positionBin(s, v.close);
        index = index * radices[5] + durationBin(s, v);
        index = index * radices[6] + streakBin(s.streak());
        index = index * radices[7] + regimeBin(regime(v));
        if (!hasInputs) {
            return index;
        }
        index = index * radices[8] + inputs.sentimentBin(v.sentiment);
        index = index * radices[9] + inputs.imbalanceBin(v.bookImbalance);
        index = index * radices[10] + inputs.spreadBin(v.bookSpreadBps);
        return index * radices[11] + inputs.vpinBin(v.vpin);
    }

    /** The index of these bins, most significant first. */
    public int encode(int[] bins) {
        if (bins.length != DIMENSIONS) {
            throw new IllegalArgumentException(
                    "expected " + DIMENSIONS + " bins, got " + bins.length);
        }
        long index = 0;
        for (int d = 0; d < DIMENSIONS; d++) {
            int b = bins[d];
            if (b < 0 || b >= radices[d]) {
                throw new IllegalArgumentException(
                        "bin " + b + " of dimension " + d + " outside 0.." + (radices[d] - 1));
            }
            index = index * radices[d] + b;
        }
        return (int) index;
    }

    /** The bins of a state index, most significant first: the inverse of {@link #encode(int[])}. */
    public int[] decode(int index) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("state " + index + " outside 0.." + (size - 1));
        }
        int[] bins = new int[DIMENSIONS];
        for (int d = DIMENSIONS - 1; d >= 0; d--) {
            bins[d] = index % radices[d];
            index /= radices[d];
        }
        return bins;
    }

    /**
     * The regime the state reads: the market's (or, while unknown, the symbol's own) with source
     * MARKET, the symbol's own with SYMBOL; null only if the chosen one is null.
     */
    public Regime regime(FeatureVector v) {
        if (config.regimeSource() == EncoderConfig.RegimeSource.MARKET && v.marketRegime != null) {
            return v.marketRegime;
        }
        return v.regime;
    }

    int momentumBin(double momentum, double vol, int horizon) {
        int m = config.momentumBins();
        if (m == 1) {
            return 0;
        }
        double z;
        if (Double.isNaN(momentum)) {
            z = 0.0;
        } else if (vol > 0) {
            z = momentum / (vol * Math.sqrt(horizon));
        } else {
            z =
                    momentum > 0
                            ? Double.POSITIVE_INFINITY
                            : momentum < 0 ? Double.NEGATIVE_INFINITY : 0.0;
        }
        return edgeBin(momentumEdges, z);
    }

    int volatilityBin(double ratio) {
        if (Double.isNaN(ratio)) {
            ratio = 1.0;
        }
        return edgeBin(volatilityEdges, ratio);
    }

    int positionBin(AgentState s, double price) {
        int p = config.positionBins();
        if (p == 1 || s.positionQty() == 0) {
            return 0;
        }
        if (p == 2) {
            return 1;
        }
        if (price < s.entryPrice()) {
            return p - 1; // loss: the last bin
        }
        if (p == 4 && s.entryPrice() > 0 && price / s.entryPrice() - 1 >= config.bigProfit()) {
            return 2;
        }
        return 1;
    }

    int durationBin(AgentState s, FeatureVector v) {
        int d = config.durationBins();
        if (d == 1 || s.positionQty() == 0 || v.intervalMs <= 0) {
            return 0;
        }
        long held = Math.max(0, (v.eventTimeMs - s.entryTimeMs()) / v.intervalMs);
        long limit = config.durationBaseBars();
        int bin = 0;
        while (bin < d - 1 && held > limit) {
            bin++;
            limit *= 2;
        }
        return bin;
    }

    int streakBin(int streak) {
        int n = config.streakBins();
        int centre = n / 2;
        // a single win or loss is no streak yet
        int excess = streak > 1 ? streak - 1 : streak < -1 ? streak + 1 : 0;
        int low = -centre;
        int high = n - 1 - centre;
        return centre + Math.max(low, Math.min(high, excess));
    }

    int regimeBin(Regime r) {
        switch (config.regimeBins()) {
            case 5:
                return r == null ? Regime.RANGE_BOUND.ordinal() : r.ordinal();
            case 3:
                if (r == null) {
                    return 1;
                }
                switch (r) {
                    case BEAR_TRENDING:
                    case BEAR_VOLATILE:
                        return 0;
                    case BULL_TRENDING:
                    case BULL_VOLATILE:
                        return 2;
                    default:
                        return 1;
                }
            default:
                return 0;
        }
    }

    /** Number of edges at or below x: the half-open bin of x. */
    private static int edgeBin(double[] edges, double x) {
        int bin = 0;
        while (bin < edges.length && x >= edges[bin]) {
            bin++;
        }
        return bin;
    }

    /** base^exp by repeated multiplication (exact for 1.25 and small exponents). */
    private static double power(double base, int exp) {
        double p = 1.0;
        for (int i = 0; i < Math.abs(exp); i++) {
            p *= base;
        }
        return exp < 0 ? 1.0 / p : p;
    }

    /**
     * The encoder of the {@code tauflow.encoder.*} options over the momentum horizons of {@code
     * tauflow.features.momentum-bars}.
     */
    public static StateEncoder from(ReadableConfig conf) {
        FeatureConfig features = FeatureConfig.from(conf);
        return new StateEncoder(
                EncoderConfig.from(conf),
                features.shortBars(),
                features.midBars(),
                features.longBars(),
                InputBins.from(conf));
    }
}
