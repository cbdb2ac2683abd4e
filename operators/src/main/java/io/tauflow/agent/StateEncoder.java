package io.tauflow.agent;

import io.tauflow.features.FeatureVector;
import java.io.Serializable;

/**
 * Maps features and the agent's own situation to one discrete state index, mixed radix over
 * momentum short/mid/long, volatility, position, streak and regime (the seed's "small" space: seven
 * dimensions of three bins, 3^7 = 2,187 states). Dimension order is most significant first.
 */
public final class StateEncoder implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final int DIMENSIONS = 7;
    public static final int BINS = 3;
    public static final int SIZE = 2187;

    /** |z| of a momentum (in volatility units over its horizon) above which it counts as a move. */
    private static final double MOMENTUM_Z = 0.5;

    private static final double REGIME_Z = 1.0;
    private static final double CALM_RATIO = 0.8;
    private static final double TURBULENT_RATIO = 1.25;

    private final int shortBars;
    private final int midBars;
    private final int longBars;

    public StateEncoder(int shortBars, int midBars, int longBars) {
        this.shortBars = shortBars;
        this.midBars = midBars;
        this.longBars = longBars;
    }

    public int size() {
        return SIZE;
    }

    /** The bins of each dimension, most significant first. */
    public int[] bins(FeatureVector v, AgentState s) {
        return new int[] {
            momentumBin(v.momentumShort, v.volatility, shortBars, MOMENTUM_Z),
            momentumBin(v.momentumMid, v.volatility, midBars, MOMENTUM_Z),
            momentumBin(v.momentumLong, v.volatility, longBars, MOMENTUM_Z),
            v.volatilityRatio < CALM_RATIO ? 0 : v.volatilityRatio > TURBULENT_RATIO ? 2 : 1,
            positionBin(s, v.close),
            s.streak <= -2 ? 0 : s.streak >= 2 ? 2 : 1,
            momentumBin(v.momentumLong, v.volatility, longBars, REGIME_Z)
        };
    }

    public int encode(FeatureVector v, AgentState s) {
        return encode(bins(v, s));
    }

    public static int encode(int[] bins) {
        if (bins.length != DIMENSIONS) {
            throw new IllegalArgumentException(
                    "expected " + DIMENSIONS + " bins, got " + bins.length);
        }
        int index = 0;
        for (int b : bins) {
            if (b < 0 || b >= BINS) {
                throw new IllegalArgumentException("bin " + b + " outside 0.." + (BINS - 1));
            }
            index = index * BINS + b;
        }
        return index;
    }

    public static int[] decode(int index) {
        if (index < 0 || index >= SIZE) {
            throw new IllegalArgumentException("state " + index + " outside 0.." + (SIZE - 1));
        }
        int[] bins = new int[DIMENSIONS];
        for (int d = DIMENSIONS - 1; d >= 0; d--) {
            bins[d] = index % BINS;
            index /= BINS;
        }
        return bins;
    }

    /** 0 idle, 1 long in profit, 2 long at a loss. */
    static int positionBin(AgentState s, double price) {
        if (s.positionQty == 0) {
            return 0;
        }
        return price >= s.entryPrice ? 1 : 2;
    }

    private static int momentumBin(double momentum, double vol, int horizon, double threshold) {
        if (vol <= 0) {
            return momentum > 0 ? 2 : momentum < 0 ? 0 : 1;
        }
        double z = momentum / (vol * Math.sqrt(horizon));
        return z < -threshold ? 0 : z > threshold ? 2 : 1;
    }
}
