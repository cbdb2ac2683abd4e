package io.tauflow.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tauflow.risk.var.MonteCarloConfig;
import io.tauflow.risk.var.MonteCarloVar;
import io.tauflow.risk.var.ParametricVar;
import io.tauflow.risk.var.RiskScore;
import io.tauflow.risk.var.SeededRandom;
import io.tauflow.risk.var.TailRisk;
import io.tauflow.schema.Regime;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VarWindowTest {

    private static final String SYMBOL = "SPY";
    private static final long END = Instant.parse("2013-10-07T20:00:00Z").toEpochMilli();
    private static final long MINUTE = Duration.ofMinutes(1).toMillis();
    private static final long EQUITY_YEAR = Duration.ofMinutes(252 * 390).toMillis();

    private static double[] returns(int n, long seed) {
        Random r = new Random(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = 0.0008 * r.nextGaussian() + 0.00002;
        }
        return out;
    }

    private static VarConfig config(int level) {
        return new VarConfig(
                MonteCarloConfig.defaults().withLevel(level), RiskScore.defaults(), EQUITY_YEAR);
    }

    @Test
    void everyFigureAgreesWithThePureClasses() {
        double[] r = returns(390, 1);
        VarEstimate v = new VarWindow(config(1)).estimate(SYMBOL, END, r, MINUTE, null);

        double mean = ParametricVar.mean(r);
        double sd = HistoricalVarTest.sampleStdDev(r);
        assertThat(v.symbol).isEqualTo(SYMBOL);
        assertThat(v.windowEndMs).isEqualTo(END);
        assertThat(v.returns).isEqualTo(390);
        assertThat(v.var99).isEqualTo(HistoricalVarTest.expectedVar(r, "0.99"));
        assertThat(v.cvar95).isCloseTo(HistoricalVarTest.expectedCvar(r, "0.95"), within(1e-15));
        assertThat(v.meanReturn).isCloseTo(mean, within(1e-18));
        assertThat(v.parametricVar95).isCloseTo(ParametricVar.Z95 * sd - mean, within(1e-15));
        assertThat(v.parametricVar99).isCloseTo(ParametricVar.Z99 * sd - mean, within(1e-15));
        assertThat(v.barIntervalMs).isEqualTo(MINUTE);
        assertThat(v.annualisedVolatility).isCloseTo(sd * Math.sqrt(98_280), within(1e-12));

        TailRisk mc =
                new MonteCarloVar(MonteCarloConfig.defaults())
                        .simulate(
                                v.meanReturn,
                                v.volatility,
                                null,
                                SeededRandom.seedFor(
                                        SYMBOL, END, MonteCarloConfig.defaults().seed()),
                                new TailRisk());
        assertThat(v.mcLevel).isEqualTo(1);
        assertThat(v.mcPaths).isEqualTo(1_000);
        assertThat(v.mcSteps).isEqualTo(50);
        assertThat(v.mcVar95).isEqualTo(mc.var95);
        assertThat(v.mcVar99).isEqualTo(mc.var99);
        assertThat(v.mcCvar95).isEqualTo(mc.cvar95);
        assertThat(v.mcCvar99).isEqualTo(mc.cvar99);
        // 1,000 paths: the 99 % quantile is within about 10 % of the closed form
        double gbm = ParametricVar.gbmVar(mean, sd, 50, ParametricVar.Z99);
        assertThat(v.mcVar99).isCloseTo(gbm, within(0.1 * gbm));

        double tail = Math.max(Math.max(v.var99, v.parametricVar99), v.mcVar99 / Math.sqrt(50));
        double score = RiskScore.defaults().score(tail, v.annualisedVolatility);
        assertThat(v.riskScore).isEqualTo(score);
        assertThat(v.riskLevel).isEqualTo(RiskScore.defaults().level(score).name());
    }

    @Test
    void aReplayRepeatsAndAnotherWindowEndDrawsDifferently() {
        double[] r = returns(200, 2);
        VarEstimate a =
                new VarWindow(config(5)).estimate(SYMBOL, END, r, MINUTE, Regime.BEAR_VOLATILE);
        VarWindow reused = new VarWindow(config(5));
        reused.estimate("IBM", END, returns(100, 3), MINUTE, null);
        VarEstimate b = reused.estimate(SYMBOL, END, r, MINUTE, Regime.BEAR_VOLATILE);
        VarEstimate later = reused.estimate(SYMBOL, END + MINUTE, r, MINUTE, Regime.BEAR_VOLATILE);

        assertThat(b).isEqualTo(a);
        assertThat(later.var99).isEqualTo(a.var99);
        assertThat(later.mcVar99).isNotEqualTo(a.mcVar99);
        assertThat(a.regime).isEqualTo("BEAR_VOLATILE");
    }

    @Test
    void levelTwoUsesTheRegime() {
        double[] r = returns(200, 4);
        VarWindow w = new VarWindow(config(2));
        VarEstimate calm = w.estimate(SYMBOL, END, r, MINUTE, Regime.BULL_TRENDING);
        VarEstimate wild = w.estimate(SYMBOL, END, r, MINUTE, Regime.BEAR_VOLATILE);
        // the default table doubles volatility in BEAR_VOLATILE; same seed, same draws
        assertThat(wild.mcVar99).isGreaterThan(1.8 * calm.mcVar99);
    }

    @Test
    void barIntervalFromDeclarationOrSmallestGap() {
        assertThat(VarWindow.barInterval(300_000, new long[] {0, 60_000}, 1)).isEqualTo(300_000);
        assertThat(VarWindow.barInterval(0, new long[] {0, 120_000, 180_000, 180_000, 600_000}, 1))
                .isEqualTo(60_000);
        assertThat(VarWindow.barInterval(0, new long[] {5}, 42)).isEqualTo(42);
    }
}
