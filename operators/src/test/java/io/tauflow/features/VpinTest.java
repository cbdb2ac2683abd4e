package io.tauflow.features;

import static io.tauflow.testing.TestRecords.level;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tauflow.schema.Candle;
import io.tauflow.testing.TestRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * VPIN-style toxicity, sum |buy - sell| / sum volume over the last {@code vpinBars} bars, with the
 * buy volume from taker volume, else the latest book, else bulk-volume classification.
 */
class VpinTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final String SYMBOL = "FILUSDT";
    private static final FeatureCalculator CALC =
            new FeatureCalculator(FeatureConfig.builder().vpinBars(3).build());

    private static Candle bar(int i, double close, double volume, Double takerBuy) {
        return Candle.newBuilder(TestRecords.candle(SYMBOL, T0.plus(Duration.ofMinutes(i)), close))
                .setVolume(volume)
                .setTakerBuyVolume(takerBuy)
                .build();
    }

    @Test
    void fromTakerBuyVolumeOverTheLastBars() {
        FeatureState s = new FeatureState();

        // |buy - sell| per bar: |7-3| = 4, |5-15| = 10, |5-5| = 0, |30-0| = 30
        assertThat(CALC.onCandle(s, bar(0, 100, 10, 7.0)).vpin).isCloseTo(4.0 / 10, within(1e-12));
        assertThat(CALC.onCandle(s, bar(1, 100, 20, 5.0)).vpin)
                .isCloseTo((4.0 + 10) / 30, within(1e-12));
        assertThat(CALC.onCandle(s, bar(2, 100, 10, 5.0)).vpin)
                .isCloseTo((4.0 + 10 + 0) / 40, within(1e-12));
        // the window holds 3 bars: the first one drops out
        assertThat(CALC.onCandle(s, bar(3, 100, 30, 30.0)).vpin)
                .isCloseTo((10.0 + 0 + 30) / 60, within(1e-12));
    }

    @Test
    void takerVolumeIsClampedToTheBarsVolume() {
        FeatureState s = new FeatureState();

        assertThat(CALC.onCandle(s, bar(0, 100, 10, 12.0)).vpin).isEqualTo(1.0);
        assertThat(CALC.onCandle(s, bar(1, 100, 10, -1.0)).vpin).isEqualTo(1.0);
    }

    @Test
    void fromTheLatestBookWhenTheCandleHasNoTakerVolume() {
        FeatureState s = new FeatureState();
        // bids 3, asks 1: imbalance 0.5, buy share (1 + 0.5)/2 = 0.75, |0.75 - 0.25| = 0.5
        CALC.onBook(
                s,
                TestRecords.book(
                        SYMBOL, T0, List.of(level(99.9, 3.0)), List.of(level(100.1, 1.0))));

        FeatureVector v = CALC.onCandle(s, bar(0, 100, 10, null));

        assertThat(v.vpin).isCloseTo(0.5, within(1e-12));
        assertThat(v.bookDepth).isEqualTo(4.0);
    }

    @Test
    void takerVolumeIsPreferredToTheBook() {
        FeatureState s = new FeatureState();
        CALC.onBook(
                s,
                TestRecords.book(
                        SYMBOL, T0, List.of(level(99.9, 3.0)), List.of(level(100.1, 1.0))));

        assertThat(CALC.onCandle(s, bar(0, 100, 10, 5.0)).vpin).isZero();
    }

    @Test
    void withNeitherBulkVolumeClassificationOnTheStandardisedReturn() {
        FeatureState s = new FeatureState();

        // no volatility known yet: half the volume each way
        assertThat(CALC.onCandle(s, bar(0, 100, 10, null)).vpin).isZero();
        assertThat(CALC.onCandle(s, bar(1, 101, 10, null)).vpin).isZero();
        FeatureVector third = CALC.onCandle(s, bar(2, 100.5, 10, null));

        // sigma before bar 2 is the EWMA volatility after bar 1: |log(101/100)|
        double sigma = Math.abs(Math.log(101.0 / 100));
        double buyShare = FeatureCalculator.normalCdf(Math.log(100.5 / 101) / sigma);
        assertThat(buyShare).isLessThan(0.5);
        double imbalance = Math.abs(2 * buyShare - 1) * 10;
        assertThat(third.vpin).isCloseTo(imbalance / 30, within(1e-12));
    }

    @Test
    void normalCdfMatchesTheTables() {
        assertThat(FeatureCalculator.normalCdf(0)).isCloseTo(0.5, within(1e-9));
        assertThat(FeatureCalculator.normalCdf(1)).isCloseTo(0.8413447460685429, within(2e-7));
        assertThat(FeatureCalculator.normalCdf(-1)).isCloseTo(0.15865525393145707, within(2e-7));
        assertThat(FeatureCalculator.normalCdf(1.959963984540054)).isCloseTo(0.975, within(2e-7));
        assertThat(FeatureCalculator.normalCdf(-3)).isCloseTo(0.0013498980316301, within(2e-7));
        assertThat(FeatureCalculator.normalCdf(8)).isCloseTo(1.0, within(1e-12));
    }
}
