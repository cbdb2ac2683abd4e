package io.tauflow.risk.var;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RiskScoreTest {

    private final RiskScore score = new RiskScore(0.01, 1.0, 3, 5, 7);

    @Test
    void scoreIsTenTimesTheLargerShareOfALimit() {
        assertThat(score.score(0.002, 0.1)).isCloseTo(2.0, within(1e-12));
        assertThat(score.score(0.002, 0.45)).isCloseTo(4.5, within(1e-12));
        assertThat(score.score(0.05, 0.1)).isEqualTo(10.0);
        assertThat(score.score(0.0, 0.0)).isZero();
        assertThat(score.score(Double.NaN, 0.1)).isEqualTo(10.0);
    }

    @Test
    void levelBoundariesAreInclusiveFromBelow() {
        assertThat(score.level(0.0)).isEqualTo(RiskLevel.LOW);
        assertThat(score.level(Math.nextDown(3.0))).isEqualTo(RiskLevel.LOW);
        assertThat(score.level(3.0)).isEqualTo(RiskLevel.MEDIUM);
        assertThat(score.level(Math.nextDown(5.0))).isEqualTo(RiskLevel.MEDIUM);
        assertThat(score.level(5.0)).isEqualTo(RiskLevel.HIGH);
        assertThat(score.level(Math.nextDown(7.0))).isEqualTo(RiskLevel.HIGH);
        assertThat(score.level(7.0)).isEqualTo(RiskLevel.CRITICAL);
        assertThat(score.level(10.0)).isEqualTo(RiskLevel.CRITICAL);
        // VaR99 at 30 % of its limit is MEDIUM, volatility at 70 % of its limit CRITICAL
        assertThat(score.level(score.score(0.003, 0.0))).isEqualTo(RiskLevel.MEDIUM);
        assertThat(score.level(score.score(0.0, 0.7))).isEqualTo(RiskLevel.CRITICAL);
    }

    @Test
    void thresholdsAreConfigurableAndValidated() {
        RiskScore strict = new RiskScore(0.01, 1.0, 1, 2, 3);
        assertThat(strict.level(2.5)).isEqualTo(RiskLevel.HIGH);
        assertThatThrownBy(() -> new RiskScore(0.01, 1.0, 5, 3, 7))
                .hasMessageContaining("medium <= high");
        assertThatThrownBy(() -> new RiskScore(0, 1.0, 3, 5, 7))
                .hasMessageContaining("VaR99 limit");
    }
}
