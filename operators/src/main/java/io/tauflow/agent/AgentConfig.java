package io.tauflow.agent;

import java.io.Serializable;

/**
 * Q-learning settings.
 *
 * @param learningRate alpha of the Q update
 * @param discount gamma of the Q update
 * @param epsilons exploration rate per phase: warmup, learning, refinement, mastery
 * @param phaseEnds step counts at which warmup, learning and refinement end
 * @param feeBps fee per side in basis points of the traded notional; the reward is net of it
 * @param virtualNotional the size of the agent's virtual position in quote currency
 * @param confidenceScaleBps Q-value gap (in reward bps) at which confidence reaches ~88 %
 * @param seed mixed into every exploration draw; same seed, same actions
 */
public record AgentConfig(
        double learningRate,
        double discount,
        double[] epsilons,
        long[] phaseEnds,
        double feeBps,
        double virtualNotional,
        double confidenceScaleBps,
        long seed)
        implements Serializable {

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

    /** Exploration rate after {@code steps} learning steps. */
    public double epsilonAt(long steps) {
        for (int i = 0; i < phaseEnds.length; i++) {
            if (steps < phaseEnds[i]) {
                return epsilons[i];
            }
        }
        return epsilons[3];
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
