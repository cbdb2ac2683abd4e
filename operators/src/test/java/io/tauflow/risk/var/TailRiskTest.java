package io.tauflow.risk.var;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tauflow.risk.HistoricalVar;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TailRiskTest {

    /** Sort-based, written separately from the heap selection. */
    private static double[] expected(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        int k95 = (int) Math.floor(0.05 * n + 1e-9);
        int k99 = (int) Math.floor(0.01 * n + 1e-9);
        double s95 = 0;
        for (int i = 0; i <= k95; i++) {
            s95 += sorted[i];
        }
        double s99 = 0;
        for (int i = 0; i <= k99; i++) {
            s99 += sorted[i];
        }
        return new double[] {
            Math.max(0, -sorted[k95]),
            Math.max(0, -sorted[k99]),
            Math.max(0, -s95 / (k95 + 1)),
            Math.max(0, -s99 / (k99 + 1))
        };
    }

    @Test
    void theTailSelectionAgreesWithSortingOnRandomAndTiedSamples() {
        Random r = new Random(99);
        for (int n : new int[] {1, 2, 3, 19, 20, 21, 99, 100, 101, 1_000, 10_007, 100_000}) {
            for (int variant = 0; variant < 3; variant++) {
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    values[i] =
                            switch (variant) {
                                case 0 -> r.nextGaussian() * 0.01;
                                case 1 -> Math.round(r.nextGaussian() * 3) / 100.0; // many ties
                                default -> (n - i) * -0.001; // descending, adversarial order
                            };
                }
                double[] want = expected(values);
                double[] given = values.clone();
                TailRisk t = TailRisk.of(given, n, new TailRisk());
                assertThat(given).as("values left as they were").containsExactly(values);
                assertThat(t.var95).as("VaR95 n=%d v=%d", n, variant).isEqualTo(want[0]);
                assertThat(t.var99).as("VaR99 n=%d v=%d", n, variant).isEqualTo(want[1]);
                assertThat(t.cvar95)
                        .as("CVaR95 n=%d v=%d", n, variant)
                        .isCloseTo(want[2], within(1e-15));
                assertThat(t.cvar99)
                        .as("CVaR99 n=%d v=%d", n, variant)
                        .isCloseTo(want[3], within(1e-15));
            }
        }
    }

    @Test
    void sameQuantileDefinitionAsHistoricalVar() {
        Random r = new Random(4);
        double[] returns = new double[390];
        for (int i = 0; i < returns.length; i++) {
            returns[i] = r.nextGaussian() * 0.002;
        }
        var h = HistoricalVar.estimate(returns, new io.tauflow.risk.VarEstimate());
        TailRisk t = TailRisk.of(returns.clone(), returns.length, new TailRisk());
        assertThat(t.var95).isEqualTo(h.var95);
        assertThat(t.var99).isEqualTo(h.var99);
        assertThat(t.cvar95).isCloseTo(h.cvar95, within(1e-15));
        assertThat(t.cvar99).isCloseTo(h.cvar99, within(1e-15));
    }

    @Test
    void anIncreasingMapOfTheTailGivesTheFiguresOfTheMappedSample() {
        Random r = new Random(7);
        for (int n : new int[] {1, 20, 100, 1_000, 10_007}) {
            double[] draws = new double[n];
            for (int i = 0; i < n; i++) {
                draws[i] = n % 2 == 0 ? r.nextGaussian() : Math.round(r.nextGaussian() * 4) / 4.0;
            }
            double[] mapped = new double[n];
            for (int i = 0; i < n; i++) {
                mapped[i] = Math.expm1(-0.001 + 0.03 * draws[i]);
            }
            double[] want = expected(mapped);
            TailRisk t =
                    TailRisk.ofIncreasing(
                            draws.clone(), n, z -> Math.expm1(-0.001 + 0.03 * z), new TailRisk());
            assertThat(t.var95).as("VaR95 n=%d", n).isEqualTo(want[0]);
            assertThat(t.var99).as("VaR99 n=%d", n).isEqualTo(want[1]);
            assertThat(t.cvar95).as("CVaR95 n=%d", n).isCloseTo(want[2], within(1e-15));
            assertThat(t.cvar99).as("CVaR99 n=%d", n).isCloseTo(want[3], within(1e-15));
        }
    }
}
