package io.tauflow.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tauflow.agent.EncoderConfig.Preset;
import io.tauflow.agent.EncoderConfig.RegimeSource;
import io.tauflow.features.FeatureVector;
import io.tauflow.schema.Regime;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StateEncoderTest {

    private static final int SHORT = 5;
    private static final int MID = 15;
    private static final int LONG = 60;
    private static final double VOL = 0.01;
    private static final long MINUTE = 60_000L;

    private static StateEncoder encoder(EncoderConfig c) {
        return new StateEncoder(c, SHORT, MID, LONG);
    }

    private static StateEncoder encoder(int m, int v, int p, int d, int s, int r) {
        return encoder(EncoderConfig.of(m, v, p, d, s, r));
    }

    private static FeatureVector vector(
            double momShort, double momMid, double momLong, double volRatio, double close) {
        FeatureVector v = new FeatureVector();
        v.symbol = "AAA";
        v.eventTimeMs = 100 * MINUTE;
        v.intervalMs = MINUTE;
        v.momentumShort = momShort;
        v.momentumMid = momMid;
        v.momentumLong = momLong;
        v.volatility = VOL;
        v.volatilityRatio = volRatio;
        v.close = close;
        v.warm = true;
        return v;
    }

    private static FeatureVector neutral() {
        return vector(0, 0, 0, 1.0, 100);
    }

    private static AgentState flat() {
        return new AgentState();
    }

    private static AgentState longFrom(double entryPrice, int streak) {
        AgentState s = new AgentState();
        s.setPositionQty(1.0);
        s.setUnits(1);
        s.setEntryPrice(entryPrice);
        s.setEntryTimeMs(100 * MINUTE);
        s.setStreak(streak);
        return s;
    }

    /** The momentum whose z-score (in volatility units over the horizon) is {@code z}. */
    private static double momentumAtZ(double z, int horizon) {
        return z * VOL * Math.sqrt(horizon);
    }

    @Test
    void inputDimensionsOffKeepThePresetsSizesAndIndices() {
        StateEncoder plain = encoder(EncoderConfig.Preset.SMALL.config());
        StateEncoder off =
                new StateEncoder(
                        EncoderConfig.Preset.SMALL.config(), SHORT, MID, LONG, InputBins.NONE);
        assertThat(off.size()).isEqualTo(2_187).isEqualTo(plain.size());
        FeatureVector v = neutral();
        v.sentiment = 5.0;
        v.bookImbalance = 0.9;
        v.bookSpreadBps = 50;
        v.vpin = 0.9;
        assertThat(off.encode(v, flat())).isEqualTo(plain.encode(v, flat()));
        assertThat(off.bins(v, flat())).endsWith(0, 0, 0, 0);
    }

    @Test
    void inputDimensionsBinSentimentBookAndVpinAtTheirEdges() {
        InputBins all =
                InputBins.NONE.with(
                        InputBins.Input.SENTIMENT,
                        InputBins.Input.BOOK_IMBALANCE,
                        InputBins.Input.BOOK_SPREAD,
                        InputBins.Input.VPIN);
        StateEncoder e =
                new StateEncoder(EncoderConfig.Preset.SMALL.config(), SHORT, MID, LONG, all);
        assertThat(e.size()).isEqualTo(2_187 * 3 * 3 * 2 * 2);
        FeatureVector v = neutral();
        double[][] inputs = {
            {-1.0, -0.2, 5.0, 0.3},
            {-0.99, -0.19, 4.99, 0.29},
            {0.99, 0.19, 0.0, 0.0},
            {1.0, 0.2, 5.0, 0.3}
        };
        int[][] expected = {{0, 0, 1, 1}, {1, 1, 0, 0}, {1, 1, 0, 0}, {2, 2, 1, 1}};
        java.util.Set<Integer> indices = new java.util.HashSet<>();
        for (int k = 0; k < inputs.length; k++) {
            v.sentiment = inputs[k][0];
            v.bookImbalance = inputs[k][1];
            v.bookSpreadBps = inputs[k][2];
            v.vpin = inputs[k][3];
            int[] bins = e.bins(v, flat());
            assertThat(java.util.Arrays.copyOfRange(bins, 8, 12)).containsExactly(expected[k]);
            int index = e.encode(v, flat());
            assertThat(e.decode(index)).containsExactly(bins);
            indices.add(index);
        }
        assertThat(indices).hasSize(3); // cases 2 and 3 share their bins
        // only sentiment on: a 3-fold space, the book and VPIN ignored
        StateEncoder sentiment =
                new StateEncoder(
                        EncoderConfig.Preset.SMALL.config(),
                        SHORT,
                        MID,
                        LONG,
                        InputBins.NONE.with(InputBins.Input.SENTIMENT));
        assertThat(sentiment.size()).isEqualTo(3 * 2_187);
        assertThat(java.util.Arrays.copyOfRange(sentiment.bins(v, flat()), 8, 12))
                .containsExactly(2, 0, 0, 0);
    }

    @Test
    void presetsHaveTheSeedsSizes() {
        assertThat(Preset.SMALL.config().size()).isEqualTo(2_187L).isEqualTo((long) Math.pow(3, 7));
        assertThat(Preset.MEDIUM.config().size()).isEqualTo(24_000L);
        assertThat(Preset.LARGE.config().size()).isEqualTo(720_300L);
        assertThat(Preset.XLARGE.config().size()).isEqualTo(1_312_200L);
        assertThat(EncoderConfig.preset("large")).isEqualTo(Preset.LARGE.config());
        assertThat(EncoderConfig.preset(" XLarge ").radices())
                .containsExactly(9, 9, 9, 5, 4, 5, 6, 3);
        assertThat(encoder(Preset.XLARGE.config()).size()).isEqualTo(1_312_200);
        assertThat(new StateEncoder(SHORT, MID, LONG).size()).isEqualTo(2_187);
    }

    @Test
    void decodeInvertsEncodeOverTheWholeSmallSpace() {
        StateEncoder e = encoder(Preset.SMALL.config());
        int[] radices = e.radices();
        Set<Integer> seen = new HashSet<>();
        int[] bins = new int[StateEncoder.DIMENSIONS];
        for (int n = 0; n < 2_187; n++) {
            // count through all bin combinations, least significant dimension last
            int rest = n;
            for (int d = StateEncoder.DIMENSIONS - 1; d >= 0; d--) {
                bins[d] = rest % radices[d];
                rest /= radices[d];
            }
            int index = e.encode(bins);
            assertThat(index).isBetween(0, 2_186);
            assertThat(e.decode(index)).containsExactly(bins);
            seen.add(index);
        }
        assertThat(seen).hasSize(2_187);
        for (int i = 0; i < 2_187; i++) {
            assertThat(e.encode(e.decode(i))).isEqualTo(i);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Preset.class,
            names = {"MEDIUM", "LARGE", "XLARGE"})
    void decodeInvertsEncodeOnRandomStates(Preset preset) {
        StateEncoder e = encoder(preset.config());
        int[] radices = e.radices();
        Random random = new Random(preset.ordinal());
        for (int n = 0; n < 20_000; n++) {
            int[] bins = new int[StateEncoder.DIMENSIONS];
            for (int d = 0; d < bins.length; d++) {
                bins[d] = random.nextInt(radices[d]);
            }
            int index = e.encode(bins);
            assertThat(index).isBetween(0, e.size() - 1);
            assertThat(e.decode(index)).containsExactly(bins);
            int i = random.nextInt(e.size());
            assertThat(e.encode(e.decode(i))).isEqualTo(i);
        }
        assertThat(e.decode(0)).containsOnly(0);
        int[] last = e.decode(e.size() - 1);
        for (int d = 0; d < last.length; d++) {
            assertThat(last[d]).isEqualTo(radices[d] - 1);
        }
    }

    @Test
    void indexFollowsTheSeedsFormula() {
        // M=7, V=5, P=4, D=5, S=7, R=3 (large)
        StateEncoder e = encoder(Preset.LARGE.config());
        int m = 7, v = 5, p = 4, d = 5, s = 7, r = 3;
        int[] b = {6, 2, 4, 3, 2, 4, 5, 1, 0, 0, 0, 0};
        long expected =
                b[0] * (long) m * m * v * p * d * s * r
                        + b[1] * (long) m * v * p * d * s * r
                        + b[2] * (long) v * p * d * s * r
                        + b[3] * (long) p * d * s * r
                        + b[4] * (long) d * s * r
                        + b[5] * (long) s * r
                        + b[6] * (long) r
                        + b[7];
        assertThat(e.encode(b)).isEqualTo(expected);
    }

    @Test
    void rejectsOutOfRangeBinsAndIndices() {
        StateEncoder e = encoder(Preset.SMALL.config());
        assertThatThrownBy(() -> e.encode(new int[] {0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bin 3 of dimension 3 outside 0..2");
        // duration has a single bin in the small space
        assertThatThrownBy(() -> e.encode(new int[] {0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0}))
                .hasMessageContaining("outside 0..0");
        assertThatThrownBy(() -> e.encode(new int[] {0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.encode(new int[] {0, 0, 0}))
                .hasMessageContaining("expected 12 bins");
        assertThatThrownBy(() -> e.decode(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.decode(2_187)).hasMessageContaining("outside 0..2186");
    }

    @Test
    void configValidatesBinsAndSize() {
        assertThatThrownBy(() -> EncoderConfig.of(0, 3, 3, 1, 3, 3))
                .hasMessageContaining("momentum bins must be >= 1");
        assertThatThrownBy(() -> EncoderConfig.of(3, 3, 5, 1, 3, 3))
                .hasMessageContaining("position bins must be 1, 2, 3 or 4");
        assertThatThrownBy(() -> EncoderConfig.of(3, 3, 3, 1, 3, 2))
                .hasMessageContaining("regime bins must be 1, 3 or 5");
        // 1291^3 x 1 = 2,151,685,171 > 2^31 - 1; 1290^3 = 2,146,689,000 fits
        assertThatThrownBy(() -> EncoderConfig.of(1291, 1, 1, 1, 1, 1))
                .hasMessageContaining("more than 2147483647 states");
        assertThat(EncoderConfig.of(1290, 1, 1, 1, 1, 1).size()).isEqualTo(2_146_689_000L);
        // a product beyond Long.MAX_VALUE is caught too
        assertThatThrownBy(() -> EncoderConfig.of(Integer.MAX_VALUE, 1000, 4, 1000, 1000, 5))
                .hasMessageContaining("more than");
        assertThatThrownBy(() -> EncoderConfig.preset("huge"))
                .hasMessageContaining("small, medium, large, xlarge");
    }

    @Test
    void customBinsParse() {
        EncoderConfig c =
                Preset.SMALL
                        .config()
                        .withRegimeSource(RegimeSource.SYMBOL)
                        .withBins(List.of(4, 2, 2, 3, 5, 5));
        assertThat(c.radices()).containsExactly(4, 4, 4, 2, 2, 3, 5, 5);
        assertThat(c.size()).isEqualTo(64L * 2 * 2 * 3 * 5 * 5);
        assertThat(c.regimeSource()).isEqualTo(RegimeSource.SYMBOL);
        assertThatThrownBy(() -> c.withBins(List.of(4, 2, 2)))
                .hasMessageContaining("six counts M, V, P, D, S, R");
    }

    @Test
    void momentumBinsAreEqualWidthInSigmasCentredOnZero() {
        // M = 3, width 1: edges at -0.5 and +0.5 sigma over the horizon
        StateEncoder three = encoder(3, 1, 1, 1, 1, 1);
        assertThat(three.momentumBin(momentumAtZ(0.51, SHORT), VOL, SHORT)).isEqualTo(2);
        assertThat(three.momentumBin(momentumAtZ(0.49, MID), VOL, MID)).isEqualTo(1);
        assertThat(three.momentumBin(momentumAtZ(-0.49, LONG), VOL, LONG)).isEqualTo(1);
        assertThat(three.momentumBin(momentumAtZ(-0.51, LONG), VOL, LONG)).isEqualTo(0);
        // M = 7: edges at -2.5, -1.5, -0.5, 0.5, 1.5, 2.5
        StateEncoder seven = encoder(7, 1, 1, 1, 1, 1);
        double[] z = {-9, -2.51, -2.49, -1.49, 0, 1.51, 2.49, 2.51, 9};
        int[] bin = {0, 0, 1, 2, 3, 5, 5, 6, 6};
        for (int i = 0; i < z.length; i++) {
            assertThat(seven.momentumBin(momentumAtZ(z[i], MID), VOL, MID))
                    .as("z=%s", z[i])
                    .isEqualTo(bin[i]);
        }
        // M = 2: the sign
        StateEncoder two = encoder(2, 1, 1, 1, 1, 1);
        assertThat(two.momentumBin(-1e-9, VOL, SHORT)).isZero();
        assertThat(two.momentumBin(0.0, VOL, SHORT)).isEqualTo(1);
        // without volatility only the sign counts; NaN counts as no move
        assertThat(three.momentumBin(1e-9, 0.0, SHORT)).isEqualTo(2);
        assertThat(three.momentumBin(-1e-9, 0.0, SHORT)).isEqualTo(0);
        assertThat(three.momentumBin(0.0, 0.0, SHORT)).isEqualTo(1);
        assertThat(three.momentumBin(Double.NaN, VOL, SHORT)).isEqualTo(1);
    }

    @Test
    void volatilityBinsAreEqualWidthInLogRatio() {
        // V = 3: [0, 0.8), [0.8, 1.25), [1.25, inf)
        StateEncoder three = encoder(1, 3, 1, 1, 1, 1);
        assertThat(three.volatilityBin(0.79)).isEqualTo(0);
        assertThat(three.volatilityBin(0.80)).isEqualTo(1);
        assertThat(three.volatilityBin(1.2499)).isEqualTo(1);
        assertThat(three.volatilityBin(1.25)).isEqualTo(2);
        // V = 5: edges 1.25^-3 = 0.512, 0.8, 1.25, 1.25^3 = 1.953125
        StateEncoder five = encoder(1, 5, 1, 1, 1, 1);
        assertThat(five.volatilityBin(0.5119)).isEqualTo(0);
        assertThat(five.volatilityBin(0.5121)).isEqualTo(1);
        assertThat(five.volatilityBin(1.0)).isEqualTo(2);
        assertThat(five.volatilityBin(1.953125)).isEqualTo(4);
        assertThat(five.volatilityBin(1.95)).isEqualTo(3);
        // V = 4: edges 1.25^-2 = 0.64, 1, 1.5625
        StateEncoder four = encoder(1, 4, 1, 1, 1, 1);
        assertThat(four.volatilityBin(0.99)).isEqualTo(1);
        assertThat(four.volatilityBin(1.0)).isEqualTo(2);
        assertThat(four.volatilityBin(1.5625)).isEqualTo(3);
    }

    @Test
    void positionBinsForEachCount() {
        StateEncoder one = encoder(1, 1, 1, 1, 1, 1);
        StateEncoder two = encoder(1, 1, 2, 1, 1, 1);
        StateEncoder three = encoder(1, 1, 3, 1, 1, 1);
        StateEncoder four = encoder(1, 1, 4, 1, 1, 1); // big profit from +1 %
        AgentState open = longFrom(100, 0);

        assertThat(one.positionBin(open, 90)).isZero();
        assertThat(two.positionBin(flat(), 100)).isZero();
        assertThat(two.positionBin(open, 90)).isEqualTo(1);
        assertThat(three.positionBin(flat(), 100)).isZero();
        assertThat(three.positionBin(open, 100)).isEqualTo(1);
        assertThat(three.positionBin(open, 99.99)).isEqualTo(2);
        assertThat(four.positionBin(flat(), 100)).isZero();
        assertThat(four.positionBin(open, 100.99)).isEqualTo(1);
        assertThat(four.positionBin(open, 101.01)).isEqualTo(2);
        assertThat(four.positionBin(open, 99.99)).isEqualTo(3);
    }

    @Test
    void durationBinsDoubleFromTheBase() {
        // base 2 bars: <= 2, 3-4, 5-8, 9-16, > 16
        StateEncoder five = encoder(1, 1, 1, 5, 1, 1);
        AgentState s = longFrom(100, 0);
        int[] held = {0, 1, 2, 3, 4, 5, 8, 9, 16, 17, 1_000};
        int[] bin = {0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4};
        for (int i = 0; i < held.length; i++) {
            FeatureVector v = neutral();
            v.eventTimeMs = s.entryTimeMs() + held[i] * MINUTE;
            assertThat(five.durationBin(s, v)).as("held %d bars", held[i]).isEqualTo(bin[i]);
        }
        FeatureVector later = neutral();
        later.eventTimeMs = s.entryTimeMs() + 100 * MINUTE;
        assertThat(five.durationBin(flat(), later)).isZero();
        assertThat(encoder(1, 1, 1, 2, 1, 1).durationBin(s, later)).isEqualTo(1);
        assertThat(encoder(1, 1, 1, 1, 1, 1).durationBin(s, later)).isZero();
    }

    @Test
    void streakBinsClampAroundTheCentreBeyondASingleTrade() {
        int[] streaks = {-9, -4, -3, -2, -1, 0, 1, 2, 3, 4, 9};
        assertThat(bins(encoder(1, 1, 1, 1, 3, 1), streaks))
                .containsExactly(0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2);
        // S = 7: the outer bins are the seed's hot and cold streaks (more than 3)
        assertThat(bins(encoder(1, 1, 1, 1, 7, 1), streaks))
                .containsExactly(0, 0, 1, 2, 3, 3, 3, 4, 5, 6, 6);
        // even counts give the extra bin to the losing side
        assertThat(bins(encoder(1, 1, 1, 1, 6, 1), streaks))
                .containsExactly(0, 0, 1, 2, 3, 3, 3, 4, 5, 5, 5);
        assertThat(bins(encoder(1, 1, 1, 1, 2, 1), streaks))
                .containsExactly(0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1);
        assertThat(bins(encoder(1, 1, 1, 1, 1, 1), streaks)).containsOnly(0);
    }

    private static int[] bins(StateEncoder e, int[] streaks) {
        int[] out = new int[streaks.length];
        for (int i = 0; i < streaks.length; i++) {
            out[i] = e.streakBin(streaks[i]);
        }
        return out;
    }

    @Test
    void regimeBinsAndSource() {
        StateEncoder three = encoder(1, 1, 1, 1, 1, 3);
        assertThat(three.regimeBin(Regime.BEAR_TRENDING)).isZero();
        assertThat(three.regimeBin(Regime.BEAR_VOLATILE)).isZero();
        assertThat(three.regimeBin(Regime.RANGE_BOUND)).isEqualTo(1);
        assertThat(three.regimeBin(Regime.BULL_TRENDING)).isEqualTo(2);
        assertThat(three.regimeBin(Regime.BULL_VOLATILE)).isEqualTo(2);
        StateEncoder five = encoder(1, 1, 1, 1, 1, 5);
        for (Regime r : Regime.values()) {
            assertThat(five.regimeBin(r)).isEqualTo(r.ordinal());
        }
        assertThat(encoder(1, 1, 1, 1, 1, 1).regimeBin(Regime.BULL_VOLATILE)).isZero();

        FeatureVector v = neutral();
        v.regime = Regime.BEAR_TRENDING;
        v.marketRegime = null;
        StateEncoder market = encoder(EncoderConfig.of(1, 1, 1, 1, 1, 3));
        StateEncoder symbol =
                encoder(EncoderConfig.of(1, 1, 1, 1, 1, 3).withRegimeSource(RegimeSource.SYMBOL));
        // the market's regime is unknown: fall back to the symbol's own
        assertThat(market.regime(v)).isEqualTo(Regime.BEAR_TRENDING);
        assertThat(market.encode(v, flat())).isZero();
        v.marketRegime = Regime.BULL_TRENDING;
        assertThat(market.regime(v)).isEqualTo(Regime.BULL_TRENDING);
        assertThat(market.encode(v, flat())).isEqualTo(2);
        assertThat(symbol.regime(v)).isEqualTo(Regime.BEAR_TRENDING);
        assertThat(symbol.encode(v, flat())).isZero();
    }

    @Test
    void encodeCombinesTheBinsMostSignificantFirst() {
        // large: short up 2 sigma, mid flat, long down 1.6 sigma, turbulent, long at a loss for
        // 6 bars, winning streak of 3, bull market
        StateEncoder e = encoder(Preset.LARGE.config());
        FeatureVector v =
                vector(
                        momentumAtZ(2, SHORT),
                        momentumAtZ(0, MID),
                        momentumAtZ(-1.6, LONG),
                        1.6,
                        95.0);
        v.marketRegime = Regime.BULL_VOLATILE;
        AgentState s = longFrom(100.0, 3);
        s.setEntryTimeMs(v.eventTimeMs - 6 * MINUTE);

        // M=7 bins: 2 -> 5, 0 -> 3, -1.6 -> 1; V=5: 1.6 in [1.25, 1.953) -> 3; loss -> 3;
        // 6 bars -> 2; streak 3 of S=7 -> 5; bull -> 2
        int[] bins = {5, 3, 1, 3, 3, 2, 5, 2, 0, 0, 0, 0};
        int expected = 0;
        int[] radices = {7, 7, 7, 5, 4, 5, 7, 3};
        for (int d = 0; d < 8; d++) {
            expected = expected * radices[d] + bins[d];
        }

        assertThat(e.bins(v, s)).containsExactly(bins);
        assertThat(e.encode(v, s)).isEqualTo(expected);
    }
}
