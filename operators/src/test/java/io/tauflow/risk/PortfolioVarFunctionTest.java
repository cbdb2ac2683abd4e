package io.tauflow.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperatorBuilder;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class PortfolioVarFunctionTest {

    private static final Instant START = Instant.parse("2024-03-01T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(30);
    private static final String ACCOUNT = "acct-1";
    private static final VarConfig CONFIG =
            new VarConfig(
                    MonteCarloConfig.defaults().withLevel(4).withPathsAndSteps(2_000, 20),
                    RiskScore.defaults(),
                    VarConfig.DEFAULT_TRADING_TIME_PER_YEAR_MS);

    private static KeyedOneInputStreamOperatorTestHarness<String, ReturnPoint, PortfolioRisk>
            harness(int minObservations) throws Exception {
        KeySelector<ReturnPoint, String> byAccount = p -> ACCOUNT;
        WindowOperatorBuilder<ReturnPoint, String, TimeWindow> builder =
                new WindowOperatorBuilder<>(
                        SlidingEventTimeWindows.of(WINDOW, WINDOW),
                        EventTimeTrigger.create(),
                        new ExecutionConfig(),
                        TypeInformation.of(ReturnPoint.class),
                        byAccount,
                        Types.STRING);
        KeyedOneInputStreamOperatorTestHarness<String, ReturnPoint, PortfolioRisk> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        builder.process(new PortfolioVarFunction(minObservations, CONFIG)),
                        byAccount,
                        Types.STRING);
        h.open();
        return h;
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, ReturnPoint, PortfolioRisk> h,
            String symbol,
            int minute,
            double r,
            Regime regime)
            throws Exception {
        long t = START.plus(Duration.ofMinutes(minute)).toEpochMilli();
        h.processElement(new StreamRecord<>(ReturnPoint.of(symbol, t, r, 60_000, regime), t));
    }

    @Test
    void perfectlyCorrelatedSymbolsOnTheirCommonBars() throws Exception {
        Random random = new Random(5);
        double[] a = new double[30];
        for (int i = 0; i < 30; i++) {
            a[i] = 0.001 * random.nextGaussian();
        }
        try (var h = harness(20)) {
            for (int i = 0; i < 30; i++) {
                send(h, "BBB", i, 2 * a[i], Regime.BULL_VOLATILE);
                if (i != 7) { // AAA misses minute 7: that bar is left out for both
                    send(h, "AAA", i, a[i], Regime.BEAR_VOLATILE);
                }
            }
            h.processWatermark(START.plus(WINDOW).toEpochMilli());

            List<PortfolioRisk> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            PortfolioRisk p = out.get(0);
            assertThat(p.account).isEqualTo(ACCOUNT);
            assertThat(p.windowEndMs).isEqualTo(START.plus(WINDOW).toEpochMilli() - 1);
            assertThat(p.symbols).containsExactly("AAA", "BBB");
            assertThat(p.observations).isEqualTo(29);

            double[][] aligned = new double[29][];
            for (int i = 0, k = 0; i < 30; i++) {
                if (i != 7) {
                    aligned[k++] = new double[] {a[i], 2 * a[i]};
                }
            }
            double mean = 0;
            for (double[] row : aligned) {
                mean += row[0];
            }
            mean /= 29;
            double var = 0;
            for (double[] row : aligned) {
                var += (row[0] - mean) * (row[0] - mean);
            }
            var /= 28;
            assertThat(p.means[0]).isCloseTo(mean, within(1e-18));
            assertThat(p.means[1]).isCloseTo(2 * mean, within(1e-18));
            assertThat(p.covariance[0]).isCloseTo(var, within(1e-18));
            assertThat(p.covariance[1]).isCloseTo(2 * var, within(1e-18));
            assertThat(p.covariance[2]).isEqualTo(p.covariance[1]);
            assertThat(p.covariance[3]).isCloseTo(4 * var, within(1e-18));
            assertThat(p.correlationsDropped).isFalse();

            // perfectly correlated: the portfolio VaR is the sum of the symbols' VaRs
            double sd = Math.sqrt(var);
            double expected =
                    (ParametricVar.Z99 * sd - mean) * 1_000
                            + (ParametricVar.Z99 * 2 * sd - 2 * mean) * 500;
            assertThat(p.parametricVar(Map.of("AAA", 1_000.0, "BBB", 500.0), ParametricVar.Z99, 1))
                    .isCloseTo(expected, within(1e-9));
            assertThatThrownBy(() -> p.parametricVar(Map.of("ZZZ", 10.0), ParametricVar.Z99, 1))
                    .hasMessageContaining("no returns of ZZZ");

            // the Monte Carlo figure is the engine's, seeded from account and window end
            TailRisk direct =
                    new MonteCarloVar(CONFIG.monteCarlo())
                            .simulatePortfolio(
                                    new double[] {0.5, 0.5},
                                    p.means,
                                    p.covarianceMatrix(),
                                    new Regime[] {Regime.BEAR_VOLATILE, Regime.BULL_VOLATILE},
                                    SeededRandom.seedFor(
                                            ACCOUNT, p.windowEndMs, CONFIG.monteCarlo().seed()),
                                    new TailRisk());
            assertThat(p.mcLevel).isEqualTo(4);
            assertThat(p.mcVar99).isEqualTo(direct.var99).isPositive();
            assertThat(p.mcCvar99).isEqualTo(direct.cvar99);

            h.processWatermark(Long.MAX_VALUE);
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void tooFewCommonBarsEmitNothing() throws Exception {
        try (var h = harness(20)) {
            for (int i = 0; i < 30; i++) {
                send(h, i % 2 == 0 ? "AAA" : "BBB", i, 0.001 * (i - 15), null);
            }
            h.processWatermark(Long.MAX_VALUE);
            assertThat(h.extractOutputValues()).isEmpty();
        }
        assertThatThrownBy(() -> new PortfolioVarFunction(1, CONFIG))
                .hasMessageContaining("at least 2");
    }
}
