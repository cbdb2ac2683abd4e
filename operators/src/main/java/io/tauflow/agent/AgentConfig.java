package io.tauflow.agent;

import io.tauflow.config.OptionReader;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Q-learning and Tau-kernel settings.
 *
 * @param learningRate alpha of the Q update
 * @param discount gamma of the Q update
 * @param epsilons exploration rate per phase: warmup, learning, refinement, mastery
 * @param phaseEnds step counts at which warmup, learning and refinement end
 * @param feeBps fee per side in basis points of the traded notional; the reward is net of it
 * @param virtualNotional the size of one unit of the agent's virtual position in quote currency
 * @param confidenceScaleBps Q-value gap (in reward bps) at which confidence reaches ~88 %
 * @param seed mixed into every exploration and replay draw; same seed, same actions
 * @param pyramiding whether BUY while long adds a unit (up to {@code maxUnits})
 * @param maxUnits most units held at once when pyramiding (1 without)
 * @param burnShare share of each winning trade's realised profit that is burned (locked away)
 * @param replaySize transitions kept for experience replay (0: no replay)
 * @param replaySamples replayed Q updates per step during the refinement phase
 * @param meta the meta-control vote; {@link MetaControl#off()} for pure Q
 * @param rules learning on or frozen, decision interval, minimum holding, opening edge
 */
public record AgentConfig(
        double learningRate,
        double discount,
        double[] epsilons,
        long[] phaseEnds,
        double feeBps,
        double virtualNotional,
        double confidenceScaleBps,
        long seed,
        boolean pyramiding,
        int maxUnits,
        double burnShare,
        int replaySize,
        int replaySamples,
        MetaControl meta,
        DecisionRules rules)
        implements Serializable {

    /** Phase index of warmup, learning, refinement and mastery as {@link #phaseAt} returns. */
    public static final int WARMUP = 0;

    public static final int LEARNING = 1;
    public static final int REFINEMENT = 2;
    public static final int MASTERY = 3;

    public static final int DEFAULT_REPLAY_SIZE = 32;
    public static final int DEFAULT_REPLAY_SAMPLES = 2;

    public AgentConfig {
        check(
                learningRate > 0 && learningRate <= 1,
                "learning rate must be in (0,1], got " + learningRate);
        check(discount >= 0 && discount < 1, "discount must be in [0,1), got " + discount);
        check(epsilons.length == 4, "need 4 epsilons (warmup, learning, refinement, mastery)");
        for (double e : epsilons) {
            check(e >= 0 && e <= 1, "epsilon must be in [0,1], got " + e);
        }
        check(
                phaseEnds.length == 3
                        && phaseEnds[0] <= phaseEnds[1]
                        && phaseEnds[1] <= phaseEnds[2],
                "phase ends must be 3 non-decreasing step counts");
        check(feeBps >= 0, "fee must be >= 0 bps, got " + feeBps);
        check(virtualNotional > 0, "virtual notional must be > 0, got " + virtualNotional);
        check(
                confidenceScaleBps > 0,
                "confidence scale must be > 0 bps, got " + confidenceScaleBps);
        check(maxUnits >= 1, "max units must be >= 1, got " + maxUnits);
        check(!pyramiding || maxUnits >= 2, "pyramiding needs max units >= 2, got " + maxUnits);
        check(burnShare >= 0 && burnShare <= 1, "burn share must be in [0,1], got " + burnShare);
        check(replaySize >= 0, "replay size must be >= 0, got " + replaySize);
        check(replaySamples >= 0, "replay samples must be >= 0, got " + replaySamples);
        check(meta != null, "meta-control settings are required");
        check(rules != null, "decision rules are required");
    }

    /** As the canonical constructor with the default {@link DecisionRules}. */
    public AgentConfig(
            double learningRate,
            double discount,
            double[] epsilons,
            long[] phaseEnds,
            double feeBps,
            double virtualNotional,
            double confidenceScaleBps,
            long seed,
            boolean pyramiding,
            int maxUnits,
            double burnShare,
            int replaySize,
            int replaySamples,
            MetaControl meta) {
        this(
                learningRate,
                discount,
                epsilons,
                phaseEnds,
                feeBps,
                virtualNotional,
                confidenceScaleBps,
                seed,
                pyramiding,
                maxUnits,
                burnShare,
                replaySize,
                replaySamples,
                meta,
                DecisionRules.DEFAULTS);
    }

    /**
     * The core Q-learning settings; the Tau kernel and meta-control take their defaults (no
     * pyramiding, no burn, replay 32/2, meta-control on).
     */
    public AgentConfig(
            double learningRate,
            double discount,
            double[] epsilons,
            long[] phaseEnds,
            double feeBps,
            double virtualNotional,
            double confidenceScaleBps,
            long seed) {
        this(
                learningRate,
                discount,
                epsilons,
                phaseEnds,
                feeBps,
                virtualNotional,
                confidenceScaleBps,
                seed,
                false,
                1,
                0.0,
                DEFAULT_REPLAY_SIZE,
                DEFAULT_REPLAY_SAMPLES,
                MetaControl.defaults());
    }

    public static AgentConfig defaults() {
        return new AgentConfig(
                0.1,
                0.9,
                new double[] {0.3, 0.2, 0.1, 0.05},
                new long[] {500, 1500, 3000},
                1.0,
                150.0,
                2.0,
                42L);
    }

    /** With pyramiding up to {@code units} units, or without it when {@code units} is 1. */
    public AgentConfig withMaxUnits(int units) {
        return new AgentConfig(
                learningRate,
                discount,
                epsilons,
                phaseEnds,
                feeBps,
                virtualNotional,
                confidenceScaleBps,
                seed,
                units > 1,
                units,
                burnShare,
                replaySize,
                replaySamples,
                meta,
                rules);
    }

    public AgentConfig withBurnShare(double share) {
        return new AgentConfig(
                learningRate,
                discount,
                epsilons,
                phaseEnds,
                feeBps,
                virtualNotional,
                confidenceScaleBps,
                seed,
                pyramiding,
                maxUnits,
                share,
                replaySize,
                replaySamples,
                meta,
                rules);
    }

    public AgentConfig withReplay(int size, int samples) {
        return new AgentConfig(
                learningRate,
                discount,
                epsilons,
                phaseEnds,
                feeBps,
                virtualNotional,
                confidenceScaleBps,
                seed,
                pyramiding,
                maxUnits,
                burnShare,
                size,
                samples,
                meta,
                rules);
    }

    public AgentConfig withMeta(MetaControl m) {
        return new AgentConfig(
                learningRate,
                discount,
                epsilons,
                phaseEnds,
                feeBps,
                virtualNotional,
                confidenceScaleBps,
                seed,
                pyramiding,
                maxUnits,
                burnShare,
                replaySize,
                replaySamples,
                m,
                rules);
    }

    public AgentConfig withRules(DecisionRules r) {
        return new AgentConfig(
                learningRate,
                discount,
                epsilons,
                phaseEnds,
                feeBps,
                virtualNotional,
                confidenceScaleBps,
                seed,
                pyramiding,
                maxUnits,
                burnShare,
                replaySize,
                replaySamples,
                meta,
                r);
    }

    public AgentConfig withSeed(long s) {
        return new AgentConfig(
                learningRate,
                discount,
                epsilons,
                phaseEnds,
                feeBps,
                virtualNotional,
                confidenceScaleBps,
                s,
                pyramiding,
                maxUnits,
                burnShare,
                replaySize,
                replaySamples,
                meta,
                rules);
    }

    /** Exploration rate after {@code steps} learning steps. */
    public double epsilonAt(long steps) {
        return epsilons[phaseAt(steps)];
    }

    /** The phase after {@code steps} learning steps: WARMUP, LEARNING, REFINEMENT or MASTERY. */
    public int phaseAt(long steps) {
        for (int i = 0; i < phaseEnds.length; i++) {
            if (steps < phaseEnds[i]) {
                return i;
            }
        }
        return MASTERY;
    }

    /** Units one position may hold: {@code maxUnits} with pyramiding, else 1. */
    public int unitsAllowed() {
        return pyramiding ? maxUnits : 1;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The {@code tauflow.agent.*} options ({@link AgentOptions}), each checked with its name. */
    public static AgentConfig from(ReadableConfig conf) {
        List<Double> epsilons =
                OptionReader.list(conf, AgentOptions.EPSILONS, 4, "four exploration rates");
        List<Long> ends =
                OptionReader.list(conf, AgentOptions.PHASE_ENDS, 3, "three learning-step counts");
        for (long end : ends) {
            if (end < 0) {
                throw new IllegalArgumentException(
                        "option "
                                + AgentOptions.PHASE_ENDS.key()
                                + " must be three non-negative step counts, got "
                                + ends);
            }
        }
        boolean pyramiding = OptionReader.get(conf, AgentOptions.PYRAMIDING);
        int maxUnits = OptionReader.get(conf, AgentOptions.MAX_UNITS);
        if (pyramiding && maxUnits < 2) {
            throw new IllegalArgumentException(
                    "option "
                            + AgentOptions.MAX_UNITS.key()
                            + " must be >= 2 with pyramiding on, got "
                            + maxUnits);
        }
        MetaControl meta = MetaControl.from(conf);
        DecisionRules rules = DecisionRules.from(conf);
        return OptionReader.attempt(
                AgentOptions.LEARNING_RATE,
                () ->
                        new AgentConfig(
                                OptionReader.get(conf, AgentOptions.LEARNING_RATE),
                                OptionReader.get(conf, AgentOptions.DISCOUNT),
                                epsilons.stream().mapToDouble(Double::doubleValue).toArray(),
                                ends.stream().mapToLong(Long::longValue).toArray(),
                                OptionReader.get(conf, AgentOptions.FEE_BPS),
                                OptionReader.get(conf, AgentOptions.BASE_NOTIONAL),
                                OptionReader.get(conf, AgentOptions.CONFIDENCE_SCALE_BPS),
                                OptionReader.get(conf, AgentOptions.SEED),
                                pyramiding,
                                pyramiding ? maxUnits : 1,
                                OptionReader.get(conf, AgentOptions.BURN_SHARE),
                                OptionReader.get(conf, AgentOptions.REPLAY_SIZE),
                                OptionReader.get(conf, AgentOptions.REPLAY_SAMPLES),
                                meta,
                                rules));
    }
}
