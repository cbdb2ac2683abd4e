package io.tauflow.risk.var;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ParametricVarTest {

    @Test
    void zValuesAreTheNormalQuantiles() {
        assertThat(NormalReference.cdf(ParametricVar.Z95)).isCloseTo(0.95, within(1e-13));
        assertThat(NormalReference.cdf(ParametricVar.Z99)).isCloseTo(0.99, within(1e-13));
        // one ulp further moves the CDF by about density x ulp; the constants are the closest
        assertThat(NormalReference.cdf(ParametricVar.Z95 + 1e-12)).isGreaterThan(0.95);
        assertThat(NormalReference.cdf(ParametricVar.Z99 - 1e-12)).isLessThan(0.99);
    }

    @Test
    void normalVarIsZTimesSigmaMinusTheMean() {
        assertThat(ParametricVar.var(0.0005, 0.01, ParametricVar.Z99))
                .isCloseTo(2.3263478740408408 * 0.01 - 0.0005, within(1e-17));
        assertThat(ParametricVar.var(0.0, 0.02, ParametricVar.Z95))
                .isCloseTo(1.6448536269514722 * 0.02, within(1e-17));
        // a drift larger than the spread leaves no loss at that confidence
        assertThat(ParametricVar.var(0.05, 0.01, ParametricVar.Z95)).isZero();
    }

    @Test
    void gbmVarIsTheLogNormalLossQuantile() {
        double m = 0.0002;
        double s = 0.003;
        int t = 50;
        double expected = 1 - Math.exp(m * t - ParametricVar.Z99 * s * Math.sqrt(t));
        assertThat(ParametricVar.gbmVar(m, s, t, ParametricVar.Z99))
                .isCloseTo(expected, within(1e-15));
        assertThat(ParametricVar.gbmVar(m, s, 1, ParametricVar.Z99))
                .isCloseTo(
                        1 - Math.exp(-ParametricVar.var(m, s, ParametricVar.Z99)), within(1e-15));
    }

    @Test
    void annualisedVolatilityScalesBySqrtOfPeriodsPerYear() {
        long minute = Duration.ofMinutes(1).toMillis();
        long cryptoYear = Duration.ofDays(365).toMillis();
        long equityYear = Duration.ofMinutes(252 * 390).toMillis();
        assertThat(ParametricVar.annualisedVolatility(0.001, minute, cryptoYear))
                .isCloseTo(0.001 * Math.sqrt(525_600), within(1e-12));
        assertThat(ParametricVar.annualisedVolatility(0.001, minute, equityYear))
                .isCloseTo(0.001 * Math.sqrt(98_280), within(1e-12));
        assertThat(
                        ParametricVar.annualisedVolatility(
                                0.01, Duration.ofDays(1).toMillis(), cryptoYear))
                .isCloseTo(0.01 * Math.sqrt(365), within(1e-12));
        assertThatThrownBy(() -> ParametricVar.annualisedVolatility(0.01, 0, cryptoYear))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void meanOfASample() {
        assertThat(ParametricVar.mean(new double[] {0.01, -0.03, 0.05}))
                .isCloseTo(0.01, within(1e-17));
        assertThat(ParametricVar.mean(new double[0])).isZero();
    }
}
