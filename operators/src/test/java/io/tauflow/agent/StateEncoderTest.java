package io.tauflow.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tauflow.features.FeatureVector;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StateEncoderTest {

    private static final int SHORT = 5;
    private static final int MID = 15;
    private static final int LONG = 60;
    private static final double VOL = 0.01;

    private final StateEncoder encoder = new StateEncoder(SHORT, MID, LONG);

    private static FeatureVector vector(
            double momShort, double momMid, double momLong, double volRatio, double close) {
        FeatureVector v = new FeatureVector();
        v.symbol = "AAA";
        v.momentumShort = momShort;
        v.momentumMid = momMid;
        v.momentumLong = momLong;
        v.volatility = VOL;
        v.volatilityRatio = volRatio;
        v.close = close;
        v.warm = true;
        return v;
    }

    private static AgentState flat() {
        return new AgentState();
    }

    private static AgentState longFrom(double entryPrice, int streak) {
        AgentState s = new AgentState();
        s.positionQty = 1.0;
        s.entryPrice = entryPrice;
        s.streak = streak;
        return s;
    }

    /** The momentum whose z-score (in volatility units over the horizon) is {@code z}. */
    private static double momentumAtZ(double z, int horizon) {
        return z * VOL * Math.sqrt(horizon);
    }

    @Test
    void sizeIsThreeToTheSeventh() {
        assertThat(StateEncoder.SIZE).isEqualTo((int) Math.pow(3, 7)).isEqualTo(2_187);
        assertThat(encoder.size()).isEqualTo(2_187);
    }

    @Test
    void decodeInvertsEncodeOverTheWholeSpace() {
        Set<Integer> seen = new HashSet<>();
        int[] bins = new int[StateEncoder.DIMENSIONS];
        for (int n = 0; n < 2_187; n++) {
            // count through all bin combinations, least significant dimension last
            int rest = n;
            for (int d = StateEncoder.DIMENSIONS - 1; d >= 0; d--) {
                bins[d] = rest % 3;
                rest /= 3;
            }
            int index = StateEncoder.encode(bins);
            assertThat(index).isBetween(0, 2_186);
            assertThat(StateEncoder.decode(index)).containsExactly(bins);
            seen.add(index);
        }
        assertThat(seen).hasSize(2_187);
        for (int i = 0; i < 2_187; i++) {
            assertThat(StateEncoder.encode(StateEncoder.decode(i))).isEqualTo(i);
        }
    }

    @Test
    void firstDimensionIsMostSignificant() {
        assertThat(StateEncoder.encode(new int[] {1, 0, 0, 0, 0, 0, 0})).isEqualTo(729);
        assertThat(StateEncoder.encode(new int[] {0, 0, 0, 0, 0, 0, 1})).isEqualTo(1);
        assertThat(StateEncoder.encode(new int[] {2, 2, 2, 2, 2, 2, 2})).isEqualTo(2_186);
    }

    @Test
    void rejectsOutOfRangeBinsAndIndices() {
        assertThatThrownBy(() -> StateEncoder.encode(new int[] {0, 0, 0, 3, 0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bin 3 outside 0..2");
        assertThatThrownBy(() -> StateEncoder.encode(new int[] {0, -1, 0, 0, 0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StateEncoder.encode(new int[] {0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 7 bins");
        assertThatThrownBy(() -> StateEncoder.decode(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StateEncoder.decode(2_187))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside 0..2186");
    }

    @Test
    void momentumBinsUseHalfASigmaOverTheHorizon() {
        FeatureVector up =
                vector(
                        momentumAtZ(0.51, SHORT),
                        momentumAtZ(0.49, MID),
                        momentumAtZ(-0.51, LONG),
                        1.0,
                        100);

        int[] bins = encoder.bins(up, flat());

        assertThat(bins[0]).isEqualTo(2);
        assertThat(bins[1]).isEqualTo(1);
        assertThat(bins[2]).isEqualTo(0);
        // regime uses one sigma: -0.51 is not yet a bear regime
        assertThat(bins[6]).isEqualTo(1);
    }

    @Test
    void regimeUsesOneSigmaOfLongMomentum() {
        assertThat(encoder.bins(vector(0, 0, momentumAtZ(1.01, LONG), 1.0, 100), flat())[6])
                .isEqualTo(2);
        assertThat(encoder.bins(vector(0, 0, momentumAtZ(0.99, LONG), 1.0, 100), flat())[6])
                .isEqualTo(1);
        assertThat(encoder.bins(vector(0, 0, momentumAtZ(-1.01, LONG), 1.0, 100), flat())[6])
                .isEqualTo(0);
    }

    @Test
    void withoutVolatilityOnlyTheSignCounts() {
        FeatureVector v = vector(1e-9, -1e-9, 0.0, 1.0, 100);
        v.volatility = 0.0;

        int[] bins = encoder.bins(v, flat());

        assertThat(bins[0]).isEqualTo(2);
        assertThat(bins[1]).isEqualTo(0);
        assertThat(bins[2]).isEqualTo(1);
    }

    @Test
    void volatilityRegimeBins() {
        assertThat(encoder.bins(vector(0, 0, 0, 0.79, 100), flat())[3]).isEqualTo(0);
        assertThat(encoder.bins(vector(0, 0, 0, 0.80, 100), flat())[3]).isEqualTo(1);
        assertThat(encoder.bins(vector(0, 0, 0, 1.25, 100), flat())[3]).isEqualTo(1);
        assertThat(encoder.bins(vector(0, 0, 0, 1.26, 100), flat())[3]).isEqualTo(2);
    }

    @Test
    void positionBins() {
        assertThat(encoder.bins(vector(0, 0, 0, 1, 100), flat())[4]).isEqualTo(0);
        assertThat(encoder.bins(vector(0, 0, 0, 1, 100), longFrom(100, 0))[4]).isEqualTo(1);
        assertThat(encoder.bins(vector(0, 0, 0, 1, 101), longFrom(100, 0))[4]).isEqualTo(1);
        assertThat(encoder.bins(vector(0, 0, 0, 1, 99.99), longFrom(100, 0))[4]).isEqualTo(2);
    }

    @Test
    void streakBins() {
        assertThat(encoder.bins(vector(0, 0, 0, 1, 100), longFrom(100, -2))[5]).isEqualTo(0);
        assertThat(encoder.bins(vector(0, 0, 0, 1, 100), longFrom(100, -1))[5]).isEqualTo(1);
        assertThat(encoder.bins(vector(0, 0, 0, 1, 100), longFrom(100, 1))[5]).isEqualTo(1);
        assertThat(encoder.bins(vector(0, 0, 0, 1, 100), longFrom(100, 2))[5]).isEqualTo(2);
    }

    @Test
    void encodeCombinesTheBinsMostSignificantFirst() {
        // short up, mid flat, long strongly down (bear regime), turbulent, long at a loss,
        // winning streak
        FeatureVector v =
                vector(
                        momentumAtZ(2, SHORT),
                        momentumAtZ(0, MID),
                        momentumAtZ(-1.5, LONG),
                        1.5,
                        95.0);
        AgentState s = longFrom(100.0, 3);

        int expected = ((((((2 * 3 + 1) * 3 + 0) * 3 + 2) * 3 + 2) * 3 + 2) * 3) + 0;

        assertThat(encoder.bins(v, s)).containsExactly(2, 1, 0, 2, 2, 2, 0);
        assertThat(encoder.encode(v, s)).isEqualTo(expected);
    }
}
