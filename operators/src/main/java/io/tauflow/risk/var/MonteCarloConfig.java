package io.tauflow.risk.var;

import java.io.Serializable;

/**
 * How {@link MonteCarloVar} simulates: the level (1, 2, 4 or 5, see {@link MonteCarloVar}), paths x
 * steps (the horizon is {@code steps} bars), the configured part of the seed, the regime table
 * (level 2+), the calm/stress Markov chain (level 4+) and the fat-tail and jump parameters (level
 * 5). Validated on construction.
 *
 * @param level 1, 2, 4 or 5
 * @param paths simulated paths, at least 100 (the 99 % tail needs a few)
 * @param steps bars per path, the horizon; at least 1
 * @param seed configured seed, mixed with the symbol and window end
 * @param regimes drift/volatility multipliers by regime (level 2+)
 * @param calmToStress probability per bar of leaving calm for stress (level 4+), [0, 1]
 * @param stressToCalm probability per bar of leaving stress for calm (level 4+), [0, 1]
 * @param stressVolMultiplier volatility multiplier while in stress (level 4+), &gt; 0
 * @param studentDof degrees of freedom of the Student-t shocks (level 5), &gt; 2
 * @param jumpIntensity expected jumps per bar (level 5), [0, 1]
 * @param jumpMeanSigmas mean jump log-size in units of the bar volatility (level 5)
 * @param jumpStdSigmas standard deviation of the jump log-size in bar volatilities (level 5), &gt;=
 *     0
 */
public record MonteCarloConfig(
        int level,
        int paths,
        int steps,
        long seed,
        RegimeTable regimes,
        double calmToStress,
        double stressToCalm,
        double stressVolMultiplier,
        double studentDof,
        double jumpIntensity,
        double jumpMeanSigmas,
        double jumpStdSigmas)
        implements Serializable {

    public static final int DEFAULT_PATHS = 1_000;
    public static final int DEFAULT_STEPS = 50;

    public MonteCarloConfig {
        if (level != 1 && level != 2 && level != 4 && level != 5) {
            throw new IllegalArgumentException(
                    "Monte Carlo level must be 1, 2, 4 or 5 (level 3 is not implemented), got "
                            + level);
        }
        if (paths < 100) {
            throw new IllegalArgumentException("Monte Carlo paths must be >= 100, got " + paths);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("Monte Carlo steps must be >= 1, got " + steps);
        }
        if (regimes == null) {
            throw new IllegalArgumentException("regime table is required");
        }
        probability("calm-to-stress", calmToStress);
        probability("stress-to-calm", stressToCalm);
        if (!(stressVolMultiplier > 0) || !Double.isFinite(stressVolMultiplier)) {
            throw new IllegalArgumentException(
                    "stress volatility multiplier must be > 0, got " + stressVolMultiplier);
        }
        if (!(studentDof > 2) || !Double.isFinite(studentDof)) {
            throw new IllegalArgumentException(
                    "Student-t degrees of freedom must be > 2 (finite variance), got "
                            + studentDof);
        }
        probability("jump intensity", jumpIntensity);
        if (!Double.isFinite(jumpMeanSigmas)) {
            throw new IllegalArgumentException("jump mean must be finite, got " + jumpMeanSigmas);
        }
        if (!(jumpStdSigmas >= 0) || !Double.isFinite(jumpStdSigmas)) {
            throw new IllegalArgumentException("jump std must be >= 0, got " + jumpStdSigmas);
        }
    }

    /** Level 1, 1,000 x 50, default regime table, chain, tails and jumps. */
    public static MonteCarloConfig defaults() {
        return new MonteCarloConfig(
                1,
                DEFAULT_PATHS,
                DEFAULT_STEPS,
                7L,
                RegimeTable.defaults(),
                0.02,
                0.10,
                2.0,
                5.0,
                0.002,
                -5.0,
                2.0);
    }

    public MonteCarloConfig withLevel(int newLevel) {
        return new MonteCarloConfig(
                newLevel,
                paths,
                steps,
                seed,
                regimes,
                calmToStress,
                stressToCalm,
                stressVolMultiplier,
                studentDof,
                jumpIntensity,
                jumpMeanSigmas,
                jumpStdSigmas);
    }

    public MonteCarloConfig withPathsAndSteps(int newPaths, int newSteps) {
        return new MonteCarloConfig(
                level,
                newPaths,
                newSteps,
                seed,
                regimes,
                calmToStress,
                stressToCalm,
                stressVolMultiplier,
                studentDof,
                jumpIntensity,
                jumpMeanSigmas,
                jumpStdSigmas);
    }

    public MonteCarloConfig withSeed(long newSeed) {
        return new MonteCarloConfig(
                level,
                paths,
                steps,
                newSeed,
                regimes,
                calmToStress,
                stressToCalm,
                stressVolMultiplier,
                studentDof,
                jumpIntensity,
                jumpMeanSigmas,
                jumpStdSigmas);
    }

    private static void probability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + p);
        }
    }
}
