package io.tauflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tauflow.risk.VarConfig;
import io.tauflow.risk.var.MonteCarloConfig;
import io.tauflow.risk.var.RiskLevel;
import io.tauflow.schema.Regime;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class VarSettingsTest {

    private static Configuration with(String... keyValues) {
        Configuration c = new Configuration();
        for (int i = 0; i < keyValues.length; i += 2) {
            c.setString(keyValues[i], keyValues[i + 1]);
        }
        return c;
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        VarConfig v = JobSettings.from(new Configuration()).var;
        assertThat(v).isEqualTo(VarConfig.defaults());
        assertThat(v.monteCarlo().level()).isEqualTo(1);
        assertThat(v.monteCarlo().paths()).isEqualTo(1_000);
        assertThat(v.monteCarlo().steps()).isEqualTo(50);
        // The US equities calendar: 252 days x 6.5 h.
        assertThat(v.tradingTimePerYearMs()).isEqualTo(Duration.ofHours(1638).toMillis());
        assertThat(v.riskScore().level(3.0)).isEqualTo(RiskLevel.MEDIUM);
    }

    @Test
    void everyOptionIsRead() {
        VarConfig v =
                JobSettings.from(
                                with(
                                        "tauflow.var.mc-level", "5",
                                        "tauflow.var.mc-paths", "5000",
                                        "tauflow.var.mc-steps", "10",
                                        "tauflow.var.seed", "3",
                                        "tauflow.var.regime-table", "BEAR_VOLATILE:0.5:3",
                                        "tauflow.var.markov.calm-to-stress", "0.05",
                                        "tauflow.var.markov.stress-to-calm", "0.2",
                                        "tauflow.var.markov.stress-vol-multiplier", "2.5",
                                        "tauflow.var.student-t-dof", "4",
                                        "tauflow.var.jump.intensity", "0.01",
                                        "tauflow.var.jump.mean", "-3",
                                        "tauflow.var.jump.std", "1",
                                        "tauflow.var.risk-level.var99-limit", "0.02",
                                        "tauflow.var.risk-level.volatility-limit", "0.5",
                                        "tauflow.var.risk-level.thresholds", "2;4;6",
                                        "tauflow.var.trading-time-per-year", "2000 h"))
                        .var;
        MonteCarloConfig mc = v.monteCarlo();
        assertThat(mc.level()).isEqualTo(5);
        assertThat(mc.paths()).isEqualTo(5_000);
        assertThat(mc.steps()).isEqualTo(10);
        assertThat(mc.seed()).isEqualTo(3);
        assertThat(mc.regimes().volMultiplier(Regime.BEAR_VOLATILE)).isEqualTo(3.0);
        assertThat(mc.regimes().driftMultiplier(Regime.BEAR_VOLATILE)).isEqualTo(0.5);
        assertThat(mc.regimes().volMultiplier(Regime.BULL_TRENDING)).isEqualTo(1.0);
        assertThat(mc.calmToStress()).isEqualTo(0.05);
        assertThat(mc.stressToCalm()).isEqualTo(0.2);
        assertThat(mc.stressVolMultiplier()).isEqualTo(2.5);
        assertThat(mc.studentDof()).isEqualTo(4.0);
        assertThat(mc.jumpIntensity()).isEqualTo(0.01);
        assertThat(mc.jumpMeanSigmas()).isEqualTo(-3.0);
        assertThat(mc.jumpStdSigmas()).isEqualTo(1.0);
        assertThat(v.riskScore().var99Limit()).isEqualTo(0.02);
        assertThat(v.riskScore().volatilityLimit()).isEqualTo(0.5);
        assertThat(v.riskScore().level(4.0)).isEqualTo(RiskLevel.HIGH);
        assertThat(v.tradingTimePerYearMs()).isEqualTo(Duration.ofHours(2000).toMillis());
    }

    @Test
    void tradingTimeFollowsTheCalendarUnlessSet() {
        assertThat(
                        JobSettings.from(with("tauflow.metrics.calendar", "CRYPTO"))
                                .var
                                .tradingTimePerYearMs())
                .isEqualTo(Duration.ofDays(365).toMillis());
    }

    @Test
    void badValuesNameTheOption() {
        assertThatThrownBy(() -> JobSettings.from(with("tauflow.var.mc-level", "3")))
                .hasMessageContaining("tauflow.var.mc-level")
                .hasMessageContaining("1, 2, 4 or 5");
        assertThatThrownBy(() -> JobSettings.from(with("tauflow.var.mc-paths", "10")))
                .hasMessageContaining("tauflow.var.mc-paths must be in 100..10000000");
        assertThatThrownBy(() -> JobSettings.from(with("tauflow.var.mc-steps", "0")))
                .hasMessageContaining("tauflow.var.mc-steps");
        assertThatThrownBy(() -> JobSettings.from(with("tauflow.var.regime-table", "SIDEWAYS:1:1")))
                .hasMessageContaining("tauflow.var")
                .hasMessageContaining("unknown regime 'SIDEWAYS'");
        assertThatThrownBy(() -> JobSettings.from(with("tauflow.var.student-t-dof", "2")))
                .hasMessageContaining("tauflow.var")
                .hasMessageContaining("degrees of freedom must be > 2");
        assertThatThrownBy(() -> JobSettings.from(with("tauflow.var.markov.calm-to-stress", "1.5")))
                .hasMessageContaining("tauflow.var")
                .hasMessageContaining("calm-to-stress must be in [0, 1]");
        assertThatThrownBy(() -> JobSettings.from(with("tauflow.var.risk-level.thresholds", "3;5")))
                .hasMessageContaining("tauflow.var.risk-level.thresholds must be three scores");
        assertThatThrownBy(
                        () -> JobSettings.from(with("tauflow.var.risk-level.thresholds", "7;5;3")))
                .hasMessageContaining("tauflow.var")
                .hasMessageContaining("medium <= high <= critical");
        assertThatThrownBy(() -> JobSettings.from(with("tauflow.var.trading-time-per-year", "0 s")))
                .hasMessageContaining("tauflow.var.trading-time-per-year");
        assertThatThrownBy(() -> JobSettings.from(with("tauflow.var.jump.std", "abc")))
                .hasMessageContaining("tauflow.var.jump.std");
    }
}
