package io.tauflow.risk.var;

import io.tauflow.schema.Regime;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * Monte Carlo Value-at-Risk: simulates {@code paths} price paths of {@code steps} bars each and
 * reports VaR and CVaR at 95 % and 99 % of the terminal outcome (the horizon is {@code steps}
 * bars). For one symbol the outcome is the simple return {@code S_T / S_0 - 1} of a long position,
 * so VaR and CVaR are positive loss fractions of the position's value; for a portfolio it is {@code
 * sum_i exposure_i (S_i,T / S_i,0 - 1)}, a loss in the exposures' currency.
 *
 * <p>Inputs are estimated from a window of one-bar log returns: mean m and standard deviation s.
 * The arithmetic drift per bar is {@code mu = m + s^2 / 2} (so that level 1 with the window's own m
 * and s reproduces them). Each step adds a log increment {@code (mu' - sigma_t^2 / 2) + sigma_t
 * eps_t} to each path; the levels differ in mu', sigma_t and eps_t:
 *
 * <ul>
 *   <li><b>Level 1</b>, geometric Brownian motion: mu' = mu, sigma_t = s, eps_t standard normal.
 *       Closed form: {@code S_T/S_0 = exp((mu - s^2/2) T + s sqrt(T) Z)}, see {@link
 *       ParametricVar#gbmVar}.
 *   <li><b>Level 2</b>, conditioned on the current regime R: mu' = mu x drift(R), sigma_t = s x
 *       vol(R) from the {@link RegimeTable}; otherwise as level 1.
 *   <li><b>Level 4</b>, multi-factor with regime switching: level 2 plus a two-state Markov chain
 *       per path, starting calm; at the start of each step it moves calm to stress with probability
 *       {@code calmToStress} and stress to calm with {@code stressToCalm}; in stress sigma_t is
 *       multiplied by {@code stressVolMultiplier}. Several symbols share the chain and get
 *       correlated shocks {@code L g} (L the {@link Cholesky} factor of the window's covariance, g
 *       independent normals).
 *   <li><b>Level 5</b>, fat tails and jumps: level 4 with Student-t shocks of {@code studentDof}
 *       degrees of freedom scaled to unit variance ({@code eps = g sqrt((nu - 2) / W)}, W
 *       chi-squared with nu degrees of freedom, one W per step shared by all symbols: a
 *       multivariate t), plus a compound Poisson jump: per step N ~ Poisson(jumpIntensity) jumps,
 *       each of log-size {@code s_i x J}, J ~ Normal(jumpMeanSigmas, jumpStdSigmas^2), the same J
 *       for all symbols (a market-wide shock; s_i is symbol i's window volatility before regime
 *       multipliers). Jumps are a stress scenario and are not drift-compensated.
 * </ul>
 *
 * <p>Level 3 of the seed (adaptive, learning from past accuracy) is not implemented.
 *
 * <p>Levels 1 and 2 have constant parameters along a path, so the sum of a path's {@code steps}
 * normal shocks is drawn as {@code sqrt(steps)} times one normal (one draw per path instead of
 * {@code steps}, the same distribution); levels 4 and 5 simulate every step.
 *
 * <p>Random numbers come from a {@link SeededRandom} reseeded for every simulation with the seed
 * the caller passes (see {@link SeededRandom#seedFor}), so the same inputs give identical doubles.
 * The engine keeps only the terminal outcome per path, in an array allocated once; nothing is
 * allocated per path or step. Not thread-safe: one engine per operator instance.
 */
public final class MonteCarloVar {

    private final MonteCarloConfig config;
    private final SeededRandom rng = new SeededRandom(0L);
    private final double[] outcomes;
    private final double expMinusJumpIntensity;

    private double[] x = new double[0];
    private double[] g = new double[0];
    private double[] lower = new double[0];
    private double[] weights = new double[0];
    private double[] driftCalm = new double[0];
    private double[] driftStress = new double[0];
    private double[] jumpScale = new double[0];
    private Cholesky lastCholesky;

    /**
     * Set when the last simulation kept the draws in {@code outcomes} untransformed (levels 1 and 2
     * of one symbol): the draw-to-outcome map.
     */
    private DoubleUnaryOperator lastTransform;

    public MonteCarloVar(MonteCarloConfig config) {
        this.config = config;
        this.outcomes = new double[config.paths()];
        this.expMinusJumpIntensity = Math.exp(-config.jumpIntensity());
    }

    public MonteCarloConfig config() {
        return config;
    }

    /**
     * One symbol, long one unit of value: VaR/CVaR as loss fractions over {@code steps} bars.
     *
     * @param meanLogReturn m, the mean one-bar log return of the window
     * @param sigma s, the standard deviation of the one-bar log returns (&gt;= 0)
     * @param regime the symbol's current regime (level 2+), null for neutral
     * @param seed the simulation's seed
     */
    public TailRisk simulate(
            double meanLogReturn, double sigma, Regime regime, long seed, TailRisk out) {
        if (!Double.isFinite(meanLogReturn) || !(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException(
                    "need a finite mean and a finite sigma >= 0, got "
                            + meanLogReturn
                            + ", "
                            + sigma);
        }
        rng.reseed(seed);
        lastTransform = null;
        int level = config.level();
        double dm = level >= 2 ? config.regimes().driftMultiplier(regime) : 1.0;
        double vm = level >= 2 ? config.regimes().volMultiplier(regime) : 1.0;
        double s = sigma * vm;
        double mu = dm * (meanLogReturn + 0.5 * sigma * sigma);
        int paths = config.paths();
        int steps = config.steps();
        if (level <= 2) {
            // constant parameters: the terminal log return is the drift plus s times the sum of
            // the steps' independent standard normal shocks, which is sqrt(steps) times one
            // standard normal: one draw per path gives the same distribution as `steps` draws
            // The outcome expm1(drift + scale z) does not decrease as z grows, so the outcomes'
            // tail
            // is the image of the draws' tail: only that is transformed (same figures)
            double drift = (mu - 0.5 * s * s) * steps;
            double scale = s * Math.sqrt(steps);
            for (int p = 0; p < paths; p++) {
                outcomes[p] = rng.nextGaussian();
            }
            lastTransform = z -> Math.expm1(drift + scale * z);
            return TailRisk.ofIncreasing(outcomes, paths, lastTransform, out);
        } else {
            ensureDimensions(1);
            lower[0] = s;
            weights[0] = 1.0;
            setDrifts(0, mu, s * s);
            jumpScale[0] = sigma;
            simulatePaths(1);
        }
        return TailRisk.of(outcomes, paths, out);
    }

    /**
     * Several symbols held with the given exposures (currency, negative for short): VaR/CVaR as
     * losses in that currency over {@code steps} bars. At level 1 and 2 the shocks are correlated
     * but there is no regime switching; levels 4 and 5 as described above.
     *
     * @param exposures value held per symbol
     * @param meanLogReturns mean one-bar log return per symbol
     * @param cov covariance of the one-bar log returns (symmetric, d x d)
     * @param regimes current regime per symbol (level 2+), null or null entries for neutral
     */
    public TailRisk simulatePortfolio(
            double[] exposures,
            double[] meanLogReturns,
            double[][] cov,
            Regime[] regimes,
            long seed,
            TailRisk out) {
        int d = exposures.length;
        if (d == 0 || meanLogReturns.length != d || cov.length != d) {
            throw new IllegalArgumentException(
                    "exposures, means and covariance must have the same, positive dimension");
        }
        if (regimes != null && regimes.length != d) {
            throw new IllegalArgumentException("one regime per symbol, or none");
        }
        Cholesky chol = Cholesky.of(cov);
        lastCholesky = chol;
        ensureDimensions(d);
        int level = config.level();
        for (int i = 0; i < d; i++) {
            if (!Double.isFinite(exposures[i]) || !Double.isFinite(meanLogReturns[i])) {
                throw new IllegalArgumentException(
                        "exposure and mean of symbol " + i + " must be finite");
            }
            Regime r = regimes == null ? null : regimes[i];
            double dm = level >= 2 ? config.regimes().driftMultiplier(r) : 1.0;
            double vm = level >= 2 ? config.regimes().volMultiplier(r) : 1.0;
            double variance = Math.max(0.0, cov[i][i]);
            for (int j = 0; j < d; j++) {
                lower[i * d + j] = vm * chol.get(i, j);
            }
            weights[i] = exposures[i];
            setDrifts(i, dm * (meanLogReturns[i] + 0.5 * variance), vm * vm * variance);
            jumpScale[i] = Math.sqrt(variance);
        }
        rng.reseed(seed);
        lastTransform = null;
        simulatePaths(d);
        return TailRisk.of(outcomes, config.paths(), out);
    }

    /** The factorisation used by the last {@link #simulatePortfolio} call (jitter, fallback). */
    public Cholesky lastCholesky() {
        return lastCholesky;
    }

    /**
     * A copy of the terminal outcomes of the last simulation, one per path. For tests and
     * diagnostics.
     */
    public double[] lastOutcomes() {
        double[] copy = outcomes.clone();
        if (lastTransform != null) {
            for (int p = 0; p < copy.length; p++) {
                copy[p] = lastTransform.applyAsDouble(copy[p]);
            }
        }
        return copy;
    }

    private void setDrifts(int i, double mu, double variance) {
        double k = config.stressVolMultiplier();
        driftCalm[i] = mu - 0.5 * variance;
        driftStress[i] = mu - 0.5 * variance * k * k;
    }

    private void ensureDimensions(int d) {
        if (x.length != d) {
            x = new double[d];
            g = new double[d];
            lower = new double[d * d];
            weights = new double[d];
            driftCalm = new double[d];
            driftStress = new double[d];
            jumpScale = new double[d];
        }
    }

    /** The general loop: correlated shocks, and for level 4+ the chain, for level 5 t and jumps. */
    private void simulatePaths(int d) {
        boolean switching = config.level() >= 4;
        boolean fat = config.level() >= 5;
        boolean jumps = fat && config.jumpIntensity() > 0;
        double calmToStress = config.calmToStress();
        double stressToCalm = config.stressToCalm();
        double stressMultiplier = config.stressVolMultiplier();
        double tHalfDof = 0.5 * config.studentDof();
        double tNumerator = config.studentDof() - 2.0;
        double jumpMean = config.jumpMeanSigmas();
        double jumpStd = config.jumpStdSigmas();
        int paths = config.paths();
        // Below level 4 nothing changes along a path, so the sum of the steps' correlated normal
        // shocks is sqrt(steps) times one correlated normal draw: one step of steps x the drift.
        int steps = switching ? config.steps() : 1;
        double driftSteps = switching ? 1.0 : config.steps();
        double shockSteps = switching ? 1.0 : Math.sqrt(config.steps());
        for (int p = 0; p < paths; p++) {
            Arrays.fill(x, 0.0);
            boolean stress = false;
            for (int t = 0; t < steps; t++) {
                if (switching) {
                    double u = rng.nextDouble();
                    stress = stress ? u >= stressToCalm : u < calmToStress;
                }
                double scale = stress ? stressMultiplier : 1.0;
                if (fat) {
                    scale *= Math.sqrt(tNumerator / (2.0 * rng.nextGamma(tHalfDof)));
                }
                double jump = 0.0;
                if (jumps) {
                    int n = rng.nextPoisson(expMinusJumpIntensity);
                    for (int j = 0; j < n; j++) {
                        jump += jumpMean + jumpStd * rng.nextGaussian();
                    }
                }
                for (int i = 0; i < d; i++) {
                    g[i] = rng.nextGaussian();
                }
                double[] drift = stress ? driftStress : driftCalm;
                for (int i = 0; i < d; i++) {
                    double e = 0.0;
                    int row = i * d;
                    for (int j = 0; j <= i; j++) {
                        e += lower[row + j] * g[j];
                    }
                    x[i] += driftSteps * drift[i] + shockSteps * scale * e + jump * jumpScale[i];
                }
            }
            double pnl = 0.0;
            for (int i = 0; i < d; i++) {
                pnl += weights[i] * Math.expm1(x[i]);
            }
            outcomes[p] = pnl;
        }
    }
}
