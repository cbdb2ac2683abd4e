package io.tauflow.risk.var;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PortfolioVarTest {

    @Test
    void perfectlyCorrelatedIsTheSumAndIndependentTheRootSumOfSquares() {
        double a = 0.01;
        double b = 0.02;
        double[] x = {1_000, 3_000};
        double[] zero = {0, 0};
        double varA = ParametricVar.Z99 * a * 1_000;
        double varB = ParametricVar.Z99 * b * 3_000;

        double[][] correlated = {{a * a, a * b}, {a * b, b * b}};
        assertThat(PortfolioVar.parametric(x, zero, correlated, ParametricVar.Z99, 1))
                .isCloseTo(varA + varB, within(1e-9));

        double[][] independent = {{a * a, 0}, {0, b * b}};
        assertThat(PortfolioVar.parametric(x, zero, independent, ParametricVar.Z99, 1))
                .isCloseTo(Math.hypot(varA, varB), within(1e-9));

        // a hedge: long one, short the other, perfectly correlated and equally volatile
        double[][] same = {{a * a, a * a}, {a * a, a * a}};
        assertThat(
                        PortfolioVar.parametric(
                                new double[] {1_000, -1_000}, zero, same, ParametricVar.Z99, 1))
                .isCloseTo(0.0, within(1e-9));
    }

    @Test
    void horizonScalesVarianceAndMeanLinearly() {
        double[][] cov = {{0.0001}};
        double[] means = {0.0002};
        double v = PortfolioVar.parametric(new double[] {100}, means, cov, ParametricVar.Z95, 25);
        assertThat(v)
                .isCloseTo(
                        ParametricVar.Z95 * Math.sqrt(25 * 100 * 100 * 0.0001) - 25 * 100 * 0.0002,
                        within(1e-12));
        assertThatThrownBy(() -> PortfolioVar.parametric(new double[] {1, 2}, means, cov, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void covarianceOfAlignedReturnsByHand() {
        double[][] r = {{0.01, 0.02}, {-0.01, 0.00}, {0.03, 0.01}};
        Covariance c = Covariance.of(r);
        // means 0.01, 0.01; deviations (0, .01), (-.02, -.01), (.02, 0)
        assertThat(c.means[0]).isCloseTo(0.01, within(1e-15));
        assertThat(c.means[1]).isCloseTo(0.01, within(1e-15));
        assertThat(c.matrix[0][0]).isCloseTo((0 + 0.0004 + 0.0004) / 2, within(1e-15));
        assertThat(c.matrix[1][1]).isCloseTo((0.0001 + 0.0001 + 0) / 2, within(1e-15));
        assertThat(c.matrix[0][1]).isCloseTo((0 + 0.0002 + 0) / 2, within(1e-15));
        assertThat(c.matrix[1][0]).isEqualTo(c.matrix[0][1]);
        assertThat(c.observations).isEqualTo(3);
        assertThatThrownBy(() -> Covariance.of(new double[][] {{0.1}}))
                .hasMessageContaining("at least 2");
    }
}
