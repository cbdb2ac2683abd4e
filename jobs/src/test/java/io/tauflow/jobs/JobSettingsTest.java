package io.tauflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tauflow.agent.AgentCaches;
import io.tauflow.agent.EncoderConfig.RegimeSource;
import io.tauflow.agent.MetaControl;
import io.tauflow.agent.TradingCalendar;
import io.tauflow.features.FeatureConfig;
import io.tauflow.regime.RegimeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class JobSettingsTest {

    @Test
    void eachSourceHasItsOwnIdlenessFallingBackToTheCommonOne() {
        Configuration c = new Configuration();
        c.setString("tauflow.watermark.idleness", "30 s");
        c.setString("tauflow.watermark.sentiment-idleness", "2 s");
        JobSettings s = JobSettings.from(c);

        assertThat(s.eventTime.candlesIdleness()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.eventTime.orderBookIdleness()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.eventTime.sentimentIdleness()).isEqualTo(Duration.ofSeconds(2));

        c.setString("tauflow.watermark.orderbook-idleness", "0 s");
        assertThatThrownBy(() -> JobSettings.from(c))
                .hasMessageContaining("tauflow.watermark.orderbook-idleness");
    }

    @Test
    void defaultsAreTheSeedsValues() {
        JobSettings s = JobSettings.from(new Configuration());
        assertThat(s.sizing.baseNotional()).isEqualTo(150.0);
        assertThat(s.sizing.confidenceThreshold()).isEqualTo(0.65);
        assertThat(s.risk.dailyLossLimit()).isEqualTo(500.0);
        assertThat(s.features.rsiPeriod()).isEqualTo(14);
        assertThat(s.eventTime.outOfOrderness()).isEqualTo(Duration.ofSeconds(5));
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
        assertThatThrownBy(() -> s.get(KafkaOptions.DELIVERY))
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
        bars.setString("tauflow.features.momentum-bars", "5;15");
        assertThatThrownBy(() -> JobSettings.from(bars))
                .hasMessageContaining("tauflow.features.momentum-bars")
                .hasMessageContaining("three bar counts");

        Configuration slide = new Configuration();
        slide.setString("tauflow.var.slide", "2 h");
        assertThatThrownBy(() -> JobSettings.from(slide)).hasMessageContaining("tauflow.var.slide");
        // The former key is still read.
        Configuration formerSlide = new Configuration();
        formerSlide.setString("tauflow.risk.var-slide", "2 h");
        assertThatThrownBy(() -> JobSettings.from(formerSlide))
                .hasMessageContaining("tauflow.var.slide");
        Configuration formerWindow = new Configuration();
        formerWindow.setString("tauflow.risk.var-window", "2 h");
        assertThat(JobSettings.from(formerWindow).varWindows.window())
                .isEqualTo(Duration.ofHours(2));
        // A list written with commas names the format Flink reads.
        Configuration commas = new Configuration();
        commas.setString("tauflow.features.momentum-bars", "5,15,60");
        assertThatThrownBy(() -> JobSettings.from(commas))
                .hasMessageContaining("tauflow.features.momentum-bars")
                .hasMessageContaining("5;15;60 or [5, 15, 60]");

        assertThatThrownBy(() -> JobSettings.parseArgs(new String[] {"--tauflow.account.default"}))
                .hasMessageContaining("needs a value");
    }

    @Test
    void agentAndEncoderDefaultsAreTheSeedsSmallSpaceWithMetaControl() {
        JobSettings s = JobSettings.from(new Configuration());
        assertThat(s.encoder.size()).isEqualTo(2_187);
        assertThat(s.encoder.config().regimeSource()).isEqualTo(RegimeSource.MARKET);
        assertThat(s.agent.epsilons()).containsExactly(0.3, 0.2, 0.1, 0.05);
        assertThat(s.agent.phaseEnds()).containsExactly(500L, 1500L, 3000L);
        assertThat(s.agent.pyramiding()).isFalse();
        assertThat(s.agent.unitsAllowed()).isEqualTo(1);
        assertThat(s.agent.burnShare()).isZero();
        assertThat(s.agent.replaySize()).isEqualTo(32);
        assertThat(s.agent.replaySamples()).isEqualTo(2);
        assertThat(s.agent.meta()).isEqualTo(MetaControl.defaults());
        assertThat(s.calendar).isEqualTo(TradingCalendar.US_EQUITIES);
    }

    @Test
    void agentEncoderAndMetricsOptionsAreRead() {
        Configuration c = new Configuration();
        c.setString("tauflow.encoder.preset", "XLARGE");
        c.setString("tauflow.encoder.regime-source", "SYMBOL");
        c.setString("tauflow.encoder.big-profit", "0.02");
        c.setString("tauflow.agent.epsilons", "0.5;0.4;0.3;0.2");
        c.setString("tauflow.agent.phase-ends", "[10, 20, 30]");
        c.setString("tauflow.agent.pyramiding", "true");
        c.setString("tauflow.agent.max-units", "4");
        c.setString("tauflow.agent.burn-share", "0.1");
        c.setString("tauflow.agent.replay-size", "64");
        c.setString("tauflow.agent.replay-samples", "3");
        c.setString("tauflow.agent.meta-control.enabled", "false");
        c.setString("tauflow.agent.meta-control.temperature-bps", "8");
        c.setString("tauflow.metrics.calendar", "CRYPTO");
        c.setString("tauflow.agent.row-cache-slots", "0");
        c.setString("tauflow.agent.symbol-cache-slots", "16");

        JobSettings s = JobSettings.from(c);

        assertThat(s.encoder.size()).isEqualTo(1_312_200);
        assertThat(s.encoder.config().regimeSource()).isEqualTo(RegimeSource.SYMBOL);
        assertThat(s.encoder.config().bigProfit()).isEqualTo(0.02);
        assertThat(s.agent.epsilons()).containsExactly(0.5, 0.4, 0.3, 0.2);
        assertThat(s.agent.phaseEnds()).containsExactly(10L, 20L, 30L);
        assertThat(s.agent.unitsAllowed()).isEqualTo(4);
        assertThat(s.agent.burnShare()).isEqualTo(0.1);
        assertThat(s.agent.replaySize()).isEqualTo(64);
        assertThat(s.agent.replaySamples()).isEqualTo(3);
        assertThat(s.agent.meta().enabled()).isFalse();
        assertThat(s.agent.meta().temperatureBps()).isEqualTo(8.0);
        assertThat(s.calendar).isEqualTo(TradingCalendar.CRYPTO);
        assertThat(s.caches).isEqualTo(new AgentCaches(16, 0));
        assertThat(JobSettings.from(new Configuration()).caches).isEqualTo(AgentCaches.DEFAULTS);

        Configuration custom = new Configuration();
        custom.setString("tauflow.encoder.preset", "LARGE");
        custom.setString("tauflow.encoder.bins", "5;4;4;2;2;3");
        assertThat(JobSettings.from(custom).encoder.size()).isEqualTo(24_000);
    }

    @Test
    void badAgentAndEncoderValuesNameTheOption() {
        assertThatThrownBy(() -> JobSettings.from(with("tauflow.encoder.bins", "7;5;4")))
                .hasMessageContaining("tauflow.encoder.bins")
                .hasMessageContaining("M;V;P;D;S;R");
        assertThatThrownBy(() -> JobSettings.from(with("tauflow.encoder.bins", "2000;5;4;5;7;3")))
                .hasMessageContaining("tauflow.encoder.bins")
                .hasMessageContaining("more than 2147483647 states");
        assertThatThrownBy(() -> JobSettings.from(with("tauflow.encoder.bins", "7;5;4;5;7;2")))
                .hasMessageContaining("regime bins must be 1, 3 or 5");
        assertThatThrownBy(() -> JobSettings.from(with("tauflow.encoder.preset", "HUGE")))
                .hasMessageContaining("tauflow.encoder.preset")
                .hasMessageContaining("SMALL, MEDIUM, LARGE, XLARGE");
        assertThatThrownBy(() -> JobSettings.from(with("tauflow.agent.epsilons", "0.3;0.2")))
                .hasMessageContaining("tauflow.agent.epsilons")
                .hasMessageContaining("four exploration rates");
        assertThatThrownBy(() -> JobSettings.from(with("tauflow.agent.phase-ends", "1;2;x")))
                .hasMessageContaining("tauflow.agent.phase-ends");
        assertThatThrownBy(() -> JobSettings.from(with("tauflow.agent.phase-ends", "1;2;-3")))
                .hasMessageContaining("non-negative step counts");
        Configuration pyramid = with("tauflow.agent.pyramiding", "true");
        pyramid.setString("tauflow.agent.max-units", "1");
        assertThatThrownBy(() -> JobSettings.from(pyramid))
                .hasMessageContaining("tauflow.agent.max-units must be >= 2");
        assertThatThrownBy(() -> JobSettings.from(with("tauflow.agent.burn-share", "1.5")))
                .hasMessageContaining("tauflow.agent")
                .hasMessageContaining("burn share must be in [0,1]");
        assertThatThrownBy(() -> JobSettings.from(with("tauflow.agent.meta-control.rsi-low", "80")))
                .hasMessageContaining("tauflow.agent.meta-control")
                .hasMessageContaining("RSI bounds");
        assertThatThrownBy(() -> JobSettings.from(with("tauflow.agent.row-cache-slots", "-1")))
                .hasMessageContaining("tauflow.agent.row-cache-slots must be in 0..1073741824");
        assertThatThrownBy(() -> JobSettings.from(with("tauflow.agent.symbol-cache-slots", "-2")))
                .hasMessageContaining("tauflow.agent.symbol-cache-slots must be in 0..1073741824");
        assertThatThrownBy(() -> JobSettings.from(with("tauflow.metrics.calendar", "MARS")))
                .hasMessageContaining("tauflow.metrics.calendar")
                .hasMessageContaining("US_EQUITIES, CRYPTO");
    }

    private static Configuration with(String key, String value) {
        Configuration c = new Configuration();
        c.setString(key, value);
        return c;
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
    void inputLimitsAreReadAndBadOnesNameTheOption() {
        JobSettings d = JobSettings.from(new Configuration());
        assertThat(d.input).isEqualTo(io.tauflow.ingest.InputLimits.DEFAULTS);
        assertThat(d.risk.collarReferenceBars()).isEqualTo(5);

        Configuration c = new Configuration();
        c.setString("tauflow.input.min-price", "0.01");
        c.setString("tauflow.input.max-price", "5000");
        c.setString("tauflow.input.max-size", "1e9");
        c.setString("tauflow.input.max-ahead-of-clock", "5 min");
        c.setString("tauflow.input.max-time-jump", "0");
        c.setString("tauflow.input.max-price-jump", "3");
        c.setString("tauflow.input.jump-confirmations", "2");
        c.setString("tauflow.input.dead-letter-max-bytes", "1024");
        c.setString("tauflow.risk.collar-reference-bars", "3");
        JobSettings s = JobSettings.from(c);
        assertThat(s.input)
                .isEqualTo(
                        new io.tauflow.ingest.InputLimits(
                                0.01, 5000, 1e9, 300_000, 0, 3.0, 2, 1024));
        assertThat(s.risk.collarReferenceBars()).isEqualTo(3);

        assertThatThrownBy(() -> JobSettings.from(with("tauflow.input.max-price-jump", "0.5")))
                .hasMessageContaining("tauflow.input")
                .hasMessageContaining("max price jump must be a finite factor > 1, or 0 for off");
        assertThatThrownBy(() -> JobSettings.from(with("tauflow.input.min-price", "0")))
                .hasMessageContaining("tauflow.input")
                .hasMessageContaining("0 < min-price < max-price");
        assertThatThrownBy(
                        () ->
                                JobSettings.from(
                                        with("tauflow.input.dead-letter-max-bytes", "2000000")))
                .hasMessageContaining("dead-letter max bytes must be in 0..409600");
        assertThatThrownBy(() -> JobSettings.from(with("tauflow.input.max-time-jump", "-1 s")))
                .hasMessageContaining("bad value '-1 s' for option tauflow.input.max-time-jump");
        assertThatThrownBy(() -> JobSettings.from(with("tauflow.risk.collar-reference-bars", "0")))
                .hasMessageContaining("tauflow.risk")
                .hasMessageContaining("median of 1..100 closes");
    }
}
