package io.tauflow.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HistoricalVarTest {

    /** Twenty returns: the worst is -5 %, the second worst -4 %. */
    private static final double[] TWENTY = {
        0.010, -0.020, 0.030, -0.050, 0.000, 0.015, -0.040, 0.020, -0.010, 0.005,
        0.012, -0.003, 0.007, -0.015, 0.025, 0.001, -0.008, 0.004, -0.030, 0.018
    };

    /** k = floor((1 - p) * n) in exact decimal arithmetic. */
    static int exactIndex(int n, String confidence) {
        return BigDecimal.ONE
                .subtract(new BigDecimal(confidence))
                .multiply(BigDecimal.valueOf(n))
                .setScale(0, RoundingMode.FLOOR)
                .intValueExact();
    }

    static double expectedVar(double[] returns, String confidence) {
        double[] sorted = returns.clone();
        Arrays.sort(sorted);
        return Math.max(0, -sorted[exactIndex(returns.length, confidence)]);
    }

    static double expectedCvar(double[] returns, String confidence) {
        double[] sorted = returns.clone();
        Arrays.sort(sorted);
        int k = exactIndex(returns.length, confidence);
        double sum = 0;
        for (int i = 0; i <= k; i++) {
            sum += sorted[i];
        }
        return Math.max(0, -sum / (k + 1));
    }

    static double sampleStdDev(double[] xs) {
        double mean = Arrays.stream(xs).average().orElseThrow();
        double ss = Arrays.stream(xs).map(x -> (x - mean) * (x - mean)).sum();
        return Math.sqrt(ss / (xs.length - 1));
    }

    @Test
    void twentyReturnsByHand() {
        VarEstimate v = HistoricalVar.estimate(TWENTY, new VarEstimate());

        // n = 20: 95 % -> k = 1 (second worst), 99 % -> k = 0 (worst)
        assertThat(v.returns).isEqualTo(20);
        assertThat(v.var95).isCloseTo(0.04, within(1e-15));
        assertThat(v.cvar95).isCloseTo((0.05 + 0.04) / 2, within(1e-15));
        assertThat(v.var99).isCloseTo(0.05, within(1e-15));
        assertThat(v.cvar99).isCloseTo(0.05, within(1e-15));
        assertThat(v.volatility).isCloseTo(sampleStdDev(TWENTY), within(1e-15));
    }

    @Test
    void matchesAnIndependentComputationOnRandomSamples() {
        Random r = new Random(17);
        for (int n : new int[] {2, 10, 19, 20, 21, 99, 100, 101, 250, 1_000}) {
            double[] returns = new double[n];
            for (int i = 0; i < n; i++) {
                returns[i] = 0.01 * r.nextGaussian() + 0.0005;
            }
            double[] copy = returns.clone();

            VarEstimate v = HistoricalVar.estimate(returns, new VarEstimate());

            assertThat(returns).as("input untouched").containsExactly(copy);
            assertThat(v.var95).as("VaR95 n=%d", n).isEqualTo(expectedVar(returns, "0.95"));
            assertThat(v.var99).as("VaR99 n=%d", n).isEqualTo(expectedVar(returns, "0.99"));
            assertThat(v.cvar95)
                    .as("CVaR95 n=%d", n)
                    .isCloseTo(expectedCvar(returns, "0.95"), within(1e-15));
            assertThat(v.cvar99)
                    .as("CVaR99 n=%d", n)
                    .isCloseTo(expectedCvar(returns, "0.99"), within(1e-15));
            assertThat(v.cvar95).isGreaterThanOrEqualTo(v.var95);
            assertThat(v.cvar99).isGreaterThanOrEqualTo(v.var99);
            assertThat(v.var99).isGreaterThanOrEqualTo(v.var95);
            assertThat(v.volatility).isCloseTo(sampleStdDev(returns), within(1e-15));
        }
    }

    @Test
    void quantileIndexIsExactWhereBinaryFloatingPointIsNot() {
        // (1 - 0.9) * 10 is 0.9999999999999998 in doubles; the exact answer is 1
        assertThat((1 - 0.9) * 10).isLessThan(1.0);
        assertThat(HistoricalVar.index(10, 0.9)).isEqualTo(exactIndex(10, "0.9")).isEqualTo(1);
        assertThat(HistoricalVar.index(20, 0.95)).isEqualTo(1);
        assertThat(HistoricalVar.index(100, 0.99)).isEqualTo(1);
        assertThat(HistoricalVar.index(99, 0.99)).isZero();
        assertThat(HistoricalVar.index(1_000, 0.95)).isEqualTo(50);
    }

    @Test
    void noLossesMeansNoRisk() {
        VarEstimate v = HistoricalVar.estimate(new double[] {0.01, 0.02, 0.005}, new VarEstimate());

        assertThat(v.var95).isZero();
        assertThat(v.var99).isZero();
        assertThat(v.cvar95).isZero();
        assertThat(v.cvar99).isZero();
    }

    @Test
    void sampleStandardDeviationUsesNMinusOne() {
        double[] xs = {1, 2, 3, 4};
        // mean 2.5; squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5; 5 / 3
        assertThat(HistoricalVar.stdDev(xs)).isCloseTo(Math.sqrt(5.0 / 3.0), within(1e-15));
        assertThat(HistoricalVar.stdDev(new double[] {0.3})).isZero();
    }

    @Test
    void anEmptySampleIsAnError() {
        assertThatThrownBy(() -> HistoricalVar.estimate(new double[0], new VarEstimate()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no returns");
    }
}
