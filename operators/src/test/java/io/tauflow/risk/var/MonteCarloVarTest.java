package io.tauflow.risk.var;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tauflow.schema.Regime;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MonteCarloVarTest {

    private static final double M = 0.0001;
    private static final double S = 0.002;
    private static final long SEED = 20131004L;

    private static MonteCarloConfig config(int level, int paths, int steps) {
        return MonteCarloConfig.defaults().withLevel(level).withPathsAndSteps(paths, steps);
    }

    private static TailRisk run(MonteCarloConfig c, double m, double s, Regime regime, long seed) {
        return new MonteCarloVar(c).simulate(m, s, regime, seed, new TailRisk());
    }

    @Test
    void levelOneConvergesToTheAnalyticGbmVar() {
        int steps = 50;
        TailRisk t = run(config(1, 100_000, steps), M, S, null, SEED);

        double var95 = ParametricVar.gbmVar(M, S, steps, ParametricVar.Z95);
        double var99 = ParametricVar.gbmVar(M, S, steps, ParametricVar.Z99);
        assertThat(t.var95).isCloseTo(var95, within(0.02 * var95));
        assertThat(t.var99).isCloseTo(var99, within(0.02 * var99));
        assertThat(t.cvar99).isGreaterThan(t.var99);
        assertThat(t.cvar95).isGreaterThan(t.var95);
    }

    @Test
    void levelOneConvergesForOtherDriftsVolatilitiesAndHorizonsToo() {
        double[][] cases = {{0.0, 0.01, 1}, {-0.0005, 0.004, 10}, {0.001, 0.02, 250}};
        for (double[] c : cases) {
            int steps = (int) c[2];
            TailRisk t = run(config(1, 100_000, steps), c[0], c[1], null, SEED + steps);
            double var99 = ParametricVar.gbmVar(c[0], c[1], steps, ParametricVar.Z99);
            assertThat(t.var99)
                    .as("m=%s s=%s T=%d", c[0], c[1], steps)
                    .isCloseTo(var99, within(0.02 * var99));
        }
    }

    @Test
    void sameInputsGiveIdenticalDoublesAndOtherSeedsOtherDraws() {
        MonteCarloVar engine = new MonteCarloVar(config(5, 1_000, 50));
        TailRisk a = engine.simulate(M, S, Regime.BEAR_VOLATILE, SEED, new TailRisk());
        double[] outcomesA = engine.lastOutcomes();
        TailRisk b =
                new MonteCarloVar(config(5, 1_000, 50))
                        .simulate(M, S, Regime.BEAR_VOLATILE, SEED, new TailRisk());
        TailRisk c = engine.simulate(M, S, Regime.BEAR_VOLATILE, SEED + 1, new TailRisk());
        TailRisk again = engine.simulate(M, S, Regime.BEAR_VOLATILE, SEED, new TailRisk());

        assertThat(b.var99).isEqualTo(a.var99);
        assertThat(b.cvar95).isEqualTo(a.cvar95);
        assertThat(again.var95).isEqualTo(a.var95);
        assertThat(again.cvar99).isEqualTo(a.cvar99);
        assertThat(engine.lastOutcomes()).containsExactlyInAnyOrder(outcomesA);
        assertThat(c.var99).isNotEqualTo(a.var99);
    }

    @Test
    void levelOneFiguresAreThoseOfEveryPathsOutcome() {
        // levels 1-2 transform only the tail of the draws; the figures must be those of all paths
        MonteCarloVar engine = new MonteCarloVar(config(1, 1_000, 50));
        TailRisk t = engine.simulate(M, S, null, SEED, new TailRisk());
        double[] outcomes = engine.lastOutcomes();
        TailRisk all = TailRisk.of(outcomes.clone(), outcomes.length, new TailRisk());
        assertThat(t.var95).isEqualTo(all.var95);
        assertThat(t.var99).isEqualTo(all.var99);
        assertThat(t.cvar95).isCloseTo(all.cvar95, within(1e-15));
        assertThat(t.cvar99).isCloseTo(all.cvar99, within(1e-15));
        double growth = Math.exp((M + 0.5 * S * S) * 50);
        assertThat(Arrays.stream(outcomes).average().orElseThrow() + 1)
                .isCloseTo(growth, within(0.002));
    }

    @Test
    void levelTwoScalesDriftAndVolatilityByTheRegimeTable() {
        RegimeTable table = RegimeTable.parse("BEAR_VOLATILE:1.0:2.0,RANGE_BOUND:0.0:1.0");
        MonteCarloConfig l2 =
                new MonteCarloConfig(2, 100_000, 20, 1, table, 0.02, 0.1, 2.0, 5.0, 0.002, -5, 2);
        TailRisk bear = run(l2, M, S, Regime.BEAR_VOLATILE, SEED);
        TailRisk neutral = run(l2, M, S, null, SEED);
        TailRisk level1 = run(config(1, 100_000, 20), M, S, Regime.BEAR_VOLATILE, SEED);

        // level 1 ignores the regime; level 2 with an unknown regime is level 1
        assertThat(neutral.var99).isEqualTo(level1.var99);
        // BEAR_VOLATILE doubles sigma, keeping the arithmetic drift mu = m + s^2 / 2
        double mu = M + 0.5 * S * S;
        double s2 = 2 * S;
        double expected = ParametricVar.gbmVar(mu - 0.5 * s2 * s2, s2, 20, ParametricVar.Z99);
        assertThat(bear.var99).isCloseTo(expected, within(0.02 * expected));
        // RANGE_BOUND removes the drift
        TailRisk range = run(l2, 0.01, S, Regime.RANGE_BOUND, SEED);
        double noDrift = ParametricVar.gbmVar(-0.5 * S * S, S, 20, ParametricVar.Z99);
        assertThat(range.var99).isCloseTo(noDrift, within(0.02 * noDrift));
    }

    @Test
    void levelFourRegimeSwitchingWidensTheTail() {
        MonteCarloConfig base = config(4, 50_000, 50);
        MonteCarloConfig noSwitching =
                new MonteCarloConfig(
                        4, 50_000, 50, 1, RegimeTable.neutral(), 0.0, 0.1, 2.0, 5, 0, 0, 0);
        TailRisk switching = run(base.withPathsAndSteps(50_000, 50), M, S, null, SEED);
        TailRisk calm = run(noSwitching, M, S, null, SEED);
        double gbm = ParametricVar.gbmVar(M, S, 50, ParametricVar.Z99);

        // never leaving calm is GBM again
        assertThat(calm.var99).isCloseTo(gbm, within(0.03 * gbm));
        // 2 % a bar into stress with doubled volatility: clearly more risk
        assertThat(switching.var99).isGreaterThan(1.1 * gbm);
        assertThat(switching.cvar99).isGreaterThan(switching.var99);
    }

    @Test
    void levelFiveHasTheSameVarianceAsLevelOneButAFatterTail() {
        int paths = 200_000;
        MonteCarloConfig noJumps =
                new MonteCarloConfig(
                        5, paths, 1, 1, RegimeTable.neutral(), 0.0, 0.1, 2.0, 4.5, 0.0, 0, 0);
        MonteCarloVar fat = new MonteCarloVar(noJumps);
        TailRisk fatTail = fat.simulate(0.0, S, null, SEED, new TailRisk());
        MonteCarloVar normal = new MonteCarloVar(config(1, paths, 1));
        TailRisk normalTail = normal.simulate(0.0, S, null, SEED, new TailRisk());

        double[] f = logs(fat.lastOutcomes());
        double[] n = logs(normal.lastOutcomes());
        assertThat(variance(f)).isCloseTo(variance(n), within(0.03 * variance(n)));
        assertThat(kurtosis(n)).isCloseTo(3.0, within(0.1));
        assertThat(kurtosis(f)).isGreaterThan(4.5);
        // t(4.5) scaled to unit variance: 99 % quantile 2.60 sigma against 2.33 for the normal
        assertThat(fatTail.var99).isGreaterThan(1.07 * normalTail.var99);
        assertThat(fatTail.cvar99).isGreaterThan(1.1 * normalTail.cvar99);
    }

    @Test
    void levelFiveJumpsAddAFatLeftTail() {
        MonteCarloConfig noJumps =
                new MonteCarloConfig(
                        5, 100_000, 50, 1, RegimeTable.neutral(), 0.0, 0.1, 2.0, 5, 0.0, -5, 2);
        MonteCarloConfig jumps =
                new MonteCarloConfig(
                        5, 100_000, 50, 1, RegimeTable.neutral(), 0.0, 0.1, 2.0, 5, 0.01, -5, 2);
        TailRisk without = run(noJumps, M, S, null, SEED);
        TailRisk with = run(jumps, M, S, null, SEED);
        // about 40 % of paths see a -5 sigma jump: a much heavier 99 % tail
        assertThat(with.var99).isGreaterThan(1.15 * without.var99);
        assertThat(with.cvar99).isGreaterThan(with.var99);
    }

    @Test
    void portfolioOfPerfectlyCorrelatedSymbolsHasTheSumOfTheirVars() {
        double a = 0.002;
        double b = 0.004;
        double[][] cov = {{a * a, a * b}, {a * b, b * b}};
        double[] means = {0.0, 0.0};
        double[] exposures = {1_000.0, 500.0};
        MonteCarloVar engine = new MonteCarloVar(config(1, 100_000, 10));

        TailRisk p = engine.simulatePortfolio(exposures, means, cov, null, SEED, new TailRisk());

        double sum =
                1_000 * ParametricVar.gbmVar(-0.0, a, 10, ParametricVar.Z99)
                        + 500 * ParametricVar.gbmVar(-0.0, b, 10, ParametricVar.Z99);
        assertThat(p.var99).isCloseTo(sum, within(0.02 * sum));
        assertThat(engine.lastCholesky().diagonalFallback).isFalse();
    }

    @Test
    void portfolioOfIndependentSymbolsHasTheRootSumOfSquares() {
        double a = 0.002;
        double b = 0.003;
        double[][] cov = {{a * a, 0}, {0, b * b}};
        double[] means = {0.0, 0.0};
        int paths = 200_000;
        MonteCarloVar engine = new MonteCarloVar(config(1, paths, 10));
        TailRisk p =
                engine.simulatePortfolio(
                        new double[] {1_000, 1_000}, means, cov, null, SEED, new TailRisk());
        TailRisk one =
                engine.simulatePortfolio(
                        new double[] {1_000},
                        new double[] {0},
                        new double[][] {{a * a}},
                        null,
                        SEED + 1,
                        new TailRisk());
        TailRisk two =
                engine.simulatePortfolio(
                        new double[] {1_000},
                        new double[] {0},
                        new double[][] {{b * b}},
                        null,
                        SEED + 2,
                        new TailRisk());

        double rss = Math.sqrt(one.var99 * one.var99 + two.var99 * two.var99);
        assertThat(p.var99).isCloseTo(rss, within(0.03 * rss));
        assertThat(p.var99).isLessThan(0.9 * (one.var99 + two.var99));
    }

    @Test
    void levelFourPortfolioMatchesSingleSymbolLevelFour() {
        // a one-symbol portfolio with exposure 1 is the single-symbol simulation
        MonteCarloVar engine = new MonteCarloVar(config(4, 10_000, 50));
        TailRisk single = engine.simulate(M, S, Regime.BULL_VOLATILE, SEED, new TailRisk());
        TailRisk portfolio =
                engine.simulatePortfolio(
                        new double[] {1.0},
                        new double[] {M},
                        new double[][] {{S * S}},
                        new Regime[] {Regime.BULL_VOLATILE},
                        SEED,
                        new TailRisk());
        assertThat(portfolio.var99).isCloseTo(single.var99, within(1e-12));
        assertThat(portfolio.cvar95).isCloseTo(single.cvar95, within(1e-12));
    }

    @Test
    void rejectsBadInputsAndConfigs() {
        MonteCarloVar engine = new MonteCarloVar(config(1, 1_000, 5));
        assertThatThrownBy(() -> engine.simulate(Double.NaN, S, null, 1, new TailRisk()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.simulate(0, -S, null, 1, new TailRisk()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config(3, 1_000, 50))
                .hasMessageContaining("level 3 is not implemented");
        assertThatThrownBy(() -> config(1, 10, 50)).hasMessageContaining("paths");
        assertThatThrownBy(
                        () ->
                                new MonteCarloConfig(
                                        5,
                                        1_000,
                                        50,
                                        1,
                                        RegimeTable.neutral(),
                                        0.1,
                                        0.1,
                                        2,
                                        2.0,
                                        0,
                                        0,
                                        0))
                .hasMessageContaining("degrees of freedom");
    }

    private static double[] logs(double[] simpleReturns) {
        double[] out = new double[simpleReturns.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.log1p(simpleReturns[i]);
        }
        return out;
    }

    private static double variance(double[] xs) {
        double mean = 0;
        for (double x : xs) {
            mean += x;
        }
        mean /= xs.length;
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        return ss / (xs.length - 1);
    }

    private static double kurtosis(double[] xs) {
        double mean = 0;
        for (double x : xs) {
            mean += x;
        }
        mean /= xs.length;
        double m2 = 0;
        double m4 = 0;
        for (double x : xs) {
            double d = (x - mean) * (x - mean);
            m2 += d;
            m4 += d * d;
        }
        m2 /= xs.length;
        m4 /= xs.length;
        return m4 / (m2 * m2);
    }
}
