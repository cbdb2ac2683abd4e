package io.tauflow.regime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tauflow.schema.Regime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RegimeClassifierTest {

    private static final RegimeConfig CONFIG = RegimeConfig.defaults();
    private static final RegimeClassifier CLASSIFIER = new RegimeClassifier(CONFIG);

    private static final double MA = 100.0;
    private static final double ABOVE = 101.0;
    private static final double BELOW = 99.0;
    private static final double CALM = 1.0;
    private static final double ATR = 1.0;

    /** Bands of width 2.9 ATR: inside the Keltner channel of +/- 1.5 ATR (width 3 ATR). */
    private static final double SQUEEZED = 2.9;

    /** Bands of width 3.1 ATR: outside it. */
    private static final double WIDE = 3.1;

    private static Regime classify(
            Regime previous, double adx, double close, double volRatio, double bandWidth) {
        return CLASSIFIER.classify(previous, adx, close, MA, volRatio, bandWidth, ATR);
    }

    @Test
    void trendingAboveTheAdxThresholdOnTheSideOfThePriceAgainstTheMa() {
        assertThat(classify(Regime.RANGE_BOUND, 25.01, ABOVE, CALM, WIDE))
                .isEqualTo(Regime.BULL_TRENDING);
        assertThat(classify(Regime.RANGE_BOUND, 25.01, BELOW, CALM, WIDE))
                .isEqualTo(Regime.BEAR_TRENDING);
        // price exactly on the MA counts as up
        assertThat(classify(Regime.RANGE_BOUND, 40, MA, CALM, WIDE))
                .isEqualTo(Regime.BULL_TRENDING);
    }

    @Test
    void anAdxOfExactlyTheTrendThresholdIsNotATrend() {
        assertThat(classify(Regime.BEAR_VOLATILE, 25.0, ABOVE, CALM, WIDE))
                .as("kept: between the thresholds")
                .isEqualTo(Regime.BEAR_VOLATILE);
    }

    @Test
    void volatileIsCheckedFirstStrictlyAboveTheRatio() {
        assertThat(classify(Regime.RANGE_BOUND, 40, ABOVE, 1.5001, WIDE))
                .isEqualTo(Regime.BULL_VOLATILE);
        assertThat(classify(Regime.RANGE_BOUND, 10, BELOW, 1.5001, SQUEEZED))
                .isEqualTo(Regime.BEAR_VOLATILE);
        assertThat(classify(Regime.RANGE_BOUND, 40, ABOVE, 1.5, WIDE))
                .as("ratio exactly at the threshold is not volatile")
                .isEqualTo(Regime.BULL_TRENDING);
    }

    @Test
    void rangeBoundNeedsALowAdxAndASqueeze() {
        assertThat(classify(Regime.BULL_TRENDING, 19.99, ABOVE, CALM, SQUEEZED))
                .isEqualTo(Regime.RANGE_BOUND);
        assertThat(classify(Regime.BULL_TRENDING, 20.0, ABOVE, CALM, SQUEEZED))
                .as("ADX exactly at the range threshold")
                .isEqualTo(Regime.BULL_TRENDING);
        assertThat(classify(Regime.BEAR_TRENDING, 10, BELOW, CALM, WIDE))
                .as("no squeeze")
                .isEqualTo(Regime.BEAR_TRENDING);
        assertThat(classify(Regime.BEAR_TRENDING, 10, BELOW, CALM, 3.0))
                .as("bands exactly as wide as the channel are not a squeeze")
                .isEqualTo(Regime.BEAR_TRENDING);
    }

    @ParameterizedTest
    @EnumSource(Regime.class)
    void betweenTheThresholdsThePreviousRegimeIsKept(Regime previous) {
        assertThat(classify(previous, 22, BELOW, CALM, SQUEEZED)).isEqualTo(previous);
        assertThat(classify(previous, 22, ABOVE, CALM, WIDE)).isEqualTo(previous);
    }

    @Test
    void noPreviousRegimeCountsAsRangeBound() {
        assertThat(classify(null, 22, ABOVE, CALM, WIDE)).isEqualTo(Regime.RANGE_BOUND);
    }

    @Test
    void thresholdsComeFromTheConfig() {
        RegimeClassifier strict = new RegimeClassifier(new RegimeConfig(40, 30, 3.0, 1.0));

        assertThat(strict.classify(Regime.RANGE_BOUND, 35, ABOVE, MA, 2.0, 1.9, ATR))
                .as("ADX 35 is in the keep band, 2.0 not volatile, 1.9 < 2*1.0*ATR squeezed")
                .isEqualTo(Regime.RANGE_BOUND);
        assertThat(strict.classify(Regime.BULL_TRENDING, 29, ABOVE, MA, 2.0, 1.9, ATR))
                .isEqualTo(Regime.RANGE_BOUND);
        assertThat(strict.classify(Regime.BULL_TRENDING, 29, ABOVE, MA, 2.0, 2.1, ATR))
                .isEqualTo(Regime.BULL_TRENDING);
        assertThat(strict.squeeze(1.99, 1.0)).isTrue();
        assertThat(strict.squeeze(2.0, 1.0)).isFalse();
    }

    @Test
    void configRejectsInconsistentThresholds() {
        assertThatThrownBy(() -> new RegimeConfig(20, 25, 1.5, 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 <= ranging <= trending <= 100");
        assertThatThrownBy(() -> new RegimeConfig(101, 20, 1.5, 1.5))
                .hasMessageContaining("trending 101");
        assertThatThrownBy(() -> new RegimeConfig(25, 20, 0, 1.5))
                .hasMessageContaining("volatile ratio");
        assertThatThrownBy(() -> new RegimeConfig(25, 20, 1.5, Double.NaN))
                .hasMessageContaining("squeeze ATR multiplier");
    }
}
