package io.tauflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tauflow.features.FeatureConfig;
import io.tauflow.regime.RegimeConfig;
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
    void featurePeriodsAndRegimeThresholdsAreOptions() {
        JobSettings defaults = JobSettings.from(new Configuration());
        assertThat(defaults.features).isEqualTo(FeatureConfig.defaults());
        assertThat(defaults.regime).isEqualTo(RegimeConfig.defaults());

        JobSettings s =
                JobSettings.from(
                        JobSettings.parseArgs(
                                new String[] {
                                    "--tauflow.features.macd-fast=8",
                                    "--tauflow.features.macd-slow=21",
                                    "--tauflow.features.bollinger-k=2.5",
                                    "--tauflow.features.vpin-bars=30",
                                    "--tauflow.features.slow-volatility-lambda=0.99",
                                    "--tauflow.regime.adx-trending=30",
                                    "--tauflow.regime.squeeze-atr-multiplier=2"
                                }));
        assertThat(s.features.macdFast()).isEqualTo(8);
        assertThat(s.features.macdSlow()).isEqualTo(21);
        assertThat(s.features.bollingerK()).isEqualTo(2.5);
        assertThat(s.features.vpinBars()).isEqualTo(30);
        assertThat(s.features.slowVolLambda()).isEqualTo(0.99);
        assertThat(s.regime.adxTrending()).isEqualTo(30.0);
        assertThat(s.regime.squeezeAtrMultiplier()).isEqualTo(2.0);
        assertThat(s.regime.adxRanging()).isEqualTo(20.0);
    }

    @Test
    void badFeatureAndRegimeValuesNameTheirOptions() {
        Configuration notANumber = new Configuration();
        notANumber.setString("tauflow.features.bollinger-period", "twenty");
        assertThatThrownBy(() -> JobSettings.from(notANumber))
                .hasMessageContaining(
                        "bad value 'twenty' for option tauflow.features.bollinger-period");

        Configuration macd = new Configuration();
        macd.setString("tauflow.features.macd-fast", "30");
        assertThatThrownBy(() -> JobSettings.from(macd))
                .hasMessageContaining("tauflow.features")
                .hasMessageContaining("MACD periods must satisfy 1 <= fast < slow");

        Configuration regime = new Configuration();
        regime.setString("tauflow.regime.adx-ranging", "30");
        assertThatThrownBy(() -> JobSettings.from(regime))
                .hasMessageContaining("tauflow.regime")
                .hasMessageContaining("ranging 30.0, trending 25.0");
    }

    @Test
    void configurationDocListsEveryOptionWithItsDefault() throws Exception {
        String doc = Files.readString(Paths.get("..", "docs", "CONFIGURATION.md"));
        assertThat(doc).contains(ConfigurationDocs.table());
    }
}
