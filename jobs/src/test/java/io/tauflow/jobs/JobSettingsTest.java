package io.tauflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class JobSettingsTest {

    @Test
    void defaultsAreTheSeedsValues() {
        JobSettings s = JobSettings.from(new Configuration());
        assertThat(s.sizing.baseNotional()).isEqualTo(150.0);
        assertThat(s.sizing.confidenceThreshold()).isEqualTo(0.65);
        assertThat(s.risk.dailyLossLimit()).isEqualTo(500.0);
        assertThat(s.features.rsiPeriod()).isEqualTo(14);
        assertThat(s.outOfOrderness).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.sizing.staleAfterMs()).isEqualTo(Duration.ofHours(4).toMillis());
        assertThat(s.sizing.staleMinMove()).isEqualTo(0.005);
        assertThat(s.risk.positionCap()).isEqualTo(3 * 150.0);
        assertThat(s.risk.dayZone()).isEqualTo(java.time.ZoneOffset.UTC);
        assertThat(s.risk.marginGuard()).isEqualTo(0.05);
    }

    @Test
    void riskAndSizingOptionsReachTheirConfigs() {
        Configuration c = new Configuration();
        c.setString("tauflow.sizing.base-notional", "200");
        c.setString("tauflow.sizing.stale-after", "2 h");
        c.setString("tauflow.sizing.take-profit", "0");
        c.setString("tauflow.risk.position-cap-multiple", "2.5");
        c.setString("tauflow.risk.day-zone", "Europe/London");
        c.setString("tauflow.risk.throttle-orders", "4");
        c.setString("tauflow.risk.throttle-window", "500 ms");
        c.setString("tauflow.risk.kill-switch-allows-closing", "false");

        JobSettings s = JobSettings.from(c);

        assertThat(s.sizing.staleAfterMs()).isEqualTo(7_200_000L);
        assertThat(s.sizing.takeProfit()).isZero();
        assertThat(s.risk.positionCap()).isEqualTo(500.0);
        assertThat(s.risk.dayZone()).isEqualTo(java.time.ZoneId.of("Europe/London"));
        assertThat(s.risk.throttleOrders()).isEqualTo(4);
        assertThat(s.risk.throttleWindowMs()).isEqualTo(500L);
        assertThat(s.risk.killSwitchAllowsClosing()).isFalse();
    }

    @Test
    void badRiskAndSizingValuesNameTheOption() {
        Configuration zone = new Configuration();
        zone.setString("tauflow.risk.day-zone", "Mars/Olympus");
        assertThatThrownBy(() -> JobSettings.from(zone))
                .hasMessageContaining("tauflow.risk.day-zone")
                .hasMessageContaining("zone id");

        Configuration collar = new Configuration();
        collar.setString("tauflow.risk.price-collar", "-0.1");
        assertThatThrownBy(() -> JobSettings.from(collar))
                .hasMessageContaining("tauflow.risk")
                .hasMessageContaining("price collar must be > 0");

        Configuration stale = new Configuration();
        stale.setString("tauflow.sizing.stale-after", "-1 min");
        assertThatThrownBy(() -> JobSettings.from(stale))
                .hasMessageContaining("tauflow.sizing.stale-after");

        Configuration fear = new Configuration();
        fear.setString("tauflow.sizing.fear-weight", "2");
        assertThatThrownBy(() -> JobSettings.from(fear))
                .hasMessageContaining("tauflow.sizing")
                .hasMessageContaining("fear weight");

        Configuration throttle = new Configuration();
        throttle.setString("tauflow.risk.throttle-orders", "0");
        assertThatThrownBy(() -> JobSettings.from(throttle))
                .hasMessageContaining("tauflow.risk")
                .hasMessageContaining("throttle");
    }

    @Test
    void commandLineOverridesTheConfigFile(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Files.writeString(
                dir.resolve("config.yaml"),
                "tauflow:\n  sizing:\n    base-notional: 200\n    confidence-threshold: 0.7\n");
        Configuration c =
                JobSettings.parseArgs(
                        new String[] {
                            "--conf-dir",
                            dir.toString(),
                            "--tauflow.sizing.confidence-threshold=0.8",
                            "--tauflow.account.default",
                            "acct-9"
                        });
        JobSettings s = JobSettings.from(c);
        assertThat(s.sizing.baseNotional()).isEqualTo(200.0);
        assertThat(s.sizing.confidenceThreshold()).isEqualTo(0.8);
        assertThat(s.accounts.accountOf("SPY")).isEqualTo("acct-9");
    }

    @Test
    void badEnumValueNamesTheOptionAndTheAcceptedValues() {
        Configuration c = new Configuration();
        c.setString("tauflow.kafka.delivery-guarantee", "SOMETIMES");
        JobSettings s = JobSettings.from(c);
        assertThatThrownBy(() -> s.get(TauflowOptions.DELIVERY))
                .hasMessageContaining("tauflow.kafka.delivery-guarantee")
                .hasMessageContaining("EXACTLY_ONCE, AT_LEAST_ONCE");
    }

    @Test
    void badNumbersAndUnknownKeysFailFast() {
        Configuration typo = new Configuration();
        typo.setString("tauflow.sizing.base-notionl", "100");
        assertThatThrownBy(() -> JobSettings.from(typo))
                .hasMessageContaining("unknown option 'tauflow.sizing.base-notionl'");

        Configuration threshold = new Configuration();
        threshold.setString("tauflow.sizing.confidence-threshold", "1.5");
        assertThatThrownBy(() -> JobSettings.from(threshold))
                .hasMessageContaining("tauflow.sizing")
                .hasMessageContaining("confidence threshold must be in [0,1], got 1.5");

        Configuration bars = new Configuration();
        bars.setString("tauflow.features.momentum-bars", "5,15");
        assertThatThrownBy(() -> JobSettings.from(bars))
                .hasMessageContaining("tauflow.features.momentum-bars")
                .hasMessageContaining("three bar counts");

        Configuration slide = new Configuration();
        slide.setString("tauflow.risk.var-slide", "2 h");
        assertThatThrownBy(() -> JobSettings.from(slide))
                .hasMessageContaining("tauflow.risk.var-slide");

        assertThatThrownBy(() -> JobSettings.parseArgs(new String[] {"--tauflow.account.default"}))
                .hasMessageContaining("needs a value");
    }

    @Test
    void configurationDocListsEveryOptionWithItsDefault() throws Exception {
        String doc = Files.readString(Paths.get("..", "docs", "CONFIGURATION.md"));
        assertThat(doc).contains(ConfigurationDocs.table());
    }
}
