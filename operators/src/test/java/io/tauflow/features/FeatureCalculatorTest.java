package io.tauflow.features;

import static io.tauflow.testing.TestRecords.candle;
import static io.tauflow.testing.TestRecords.level;
import static io.tauflow.testing.TestRecords.sentiment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tauflow.regime.RegimeConfig;
import io.tauflow.schema.Regime;
import io.tauflow.testing.TestRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class FeatureCalculatorTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final String SYMBOL = "BTCUSDT";
    private static final FeatureConfig DEFAULTS = FeatureConfig.defaults();

    /**
     * The closes of the RSI example on StockCharts ("ChartSchool: Relative Strength Index"), whose
     * published 14-period RSI is 70.53 at the 15th close and 37.77 at the last.
     */
    private static final double[] RSI_EXAMPLE = {
        44.3389, 44.0902, 44.1497, 43.6124, 44.3278, 44.8264, 45.0955, 45.4245, 45.8433, 46.0826,
        45.8931, 46.0328, 45.6140, 46.2820, 46.2820, 46.0028, 46.0328, 46.4116, 46.2222, 45.6439,
        46.2122, 46.2521, 45.7137, 46.4515, 45.7835, 45.3548, 44.0288, 44.1783, 44.2181, 44.5672,
        43.4205, 42.6628, 43.1314
    };

    private final FeatureCalculator calc = new FeatureCalculator(DEFAULTS);

    private static Instant bar(int i) {
        return T0.plus(Duration.ofMinutes(i));
    }

    private List<FeatureVector> run(FeatureState s, double[] closes) {
        List<FeatureVector> out = new ArrayList<>();
        for (int i = 0; i < closes.length; i++) {
            out.add(calc.onCandle(s, candle(SYMBOL, bar(i), closes[i])));
        }
        return out;
    }

    private static double[] randomWalk(int n, long seed) {
        Random r = new Random(seed);
        double[] closes = new double[n];
        closes[0] = 100.0;
        for (int i = 1; i < n; i++) {
            closes[i] = closes[i - 1] * Math.exp(0.01 * r.nextGaussian());
        }
        return closes;
    }

    /**
     * Wilder's RSI written out the textbook way, for the closes up to and including {@code end}.
     */
    private static double referenceRsi(double[] closes, int end, int period) {
        double avgGain = 0;
        double avgLoss = 0;
        for (int i = 1; i <= period; i++) {
            double change = closes[i] - closes[i - 1];
            avgGain += Math.max(change, 0);
            avgLoss += Math.max(-change, 0);
        }
        avgGain /= period;
        avgLoss /= period;
        for (int i = period + 1; i <= end; i++) {
            double change = closes[i] - closes[i - 1];
            avgGain = (avgGain * (period - 1) + Math.max(change, 0)) / period;
            avgLoss = (avgLoss * (period - 1) + Math.max(-change, 0)) / period;
        }
        if (avgLoss == 0) {
            return avgGain == 0 ? 50.0 : 100.0;
        }
        return 100.0 - 100.0 / (1.0 + avgGain / avgLoss);
    }

    @Test
    void referenceRsiMatchesThePublishedExample() {
        assertThat(referenceRsi(RSI_EXAMPLE, 14, 14)).isCloseTo(70.53, within(0.01));
        assertThat(referenceRsi(RSI_EXAMPLE, RSI_EXAMPLE.length - 1, 14))
                .isCloseTo(37.77, within(0.01));
    }

    @Test
    void rsiIsWildersOnEveryBarOnceThePeriodIsFilled() {
        List<FeatureVector> v = run(new FeatureState(), RSI_EXAMPLE);

        for (int i = 0; i < 14; i++) {
            assertThat(v.get(i).rsi).as("bar %d, before 14 changes", i).isEqualTo(50.0);
        }
        for (int i = 14; i < RSI_EXAMPLE.length; i++) {
            assertThat(v.get(i).rsi)
                    .as("bar %d", i)
                    .isCloseTo(referenceRsi(RSI_EXAMPLE, i, 14), within(1e-9));
        }
        assertThat(v.get(14).rsi).isCloseTo(70.53, within(0.01));
    }

    @Test
    void rsiIsHundredWithoutLossesAndFiftyWithoutMoves() {
        double[] rising = new double[20];
        double[] flat = new double[20];
        for (int i = 0; i < 20; i++) {
            rising[i] = 100 + i;
            flat[i] = 100;
        }

        assertThat(run(new FeatureState(), rising).get(19).rsi).isEqualTo(100.0);
        assertThat(run(new FeatureState(), flat).get(19).rsi).isEqualTo(50.0);
    }

    @Test
    void momentumIsTheLogReturnOverEachHorizon() {
        double[] closes = randomWalk(200, 7);

        List<FeatureVector> v = run(new FeatureState(), closes);

        for (int i = 0; i < closes.length; i++) {
            FeatureVector f = v.get(i);
            assertThat(f.momentumShort)
                    .as("short @%d", i)
                    .isCloseTo(logReturn(closes, i, 5), within(1e-12));
            assertThat(f.momentumMid)
                    .as("mid @%d", i)
                    .isCloseTo(logReturn(closes, i, 15), within(1e-12));
            assertThat(f.momentumLong)
                    .as("long @%d", i)
                    .isCloseTo(logReturn(closes, i, 60), within(1e-12));
            assertThat(f.logReturn)
                    .as("1-bar @%d", i)
                    .isCloseTo(logReturn(closes, i, 1), within(1e-12));
        }
    }

    private static double logReturn(double[] closes, int i, int horizon) {
        return i < horizon ? 0.0 : Math.log(closes[i] / closes[i - horizon]);
    }

    @Test
    void volatilityFollowsTheEwmaRecursionSeededWithTheFirstSquaredReturn() {
        double[] closes = randomWalk(150, 11);
        double lambda = DEFAULTS.volLambda();
        double slowLambda = DEFAULTS.slowVolLambda();

        List<FeatureVector> v = run(new FeatureState(), closes);

        double var = 0;
        double slow = 0;
        assertThat(v.get(0).volatility).isZero();
        assertThat(v.get(0).volatilityRatio).isEqualTo(1.0);
        for (int i = 1; i < closes.length; i++) {
            double r = Math.log(closes[i] / closes[i - 1]);
            if (i == 1) {
                var = r * r;
                slow = r * r;
            } else {
                var = lambda * var + (1 - lambda) * r * r;
                slow = slowLambda * slow + (1 - slowLambda) * r * r;
            }
            assertThat(v.get(i).volatility)
                    .as("vol @%d", i)
                    .isCloseTo(Math.sqrt(var), within(1e-15));
            assertThat(v.get(i).volatilityRatio)
                    .as("ratio @%d", i)
                    .isCloseTo(Math.sqrt(var / slow), within(1e-12));
        }
    }

    @Test
    void warmOnceEveryIndicatorIsWarmedUp() {
        List<FeatureVector> v = run(new FeatureState(), randomWalk(62, 3));

        // with the defaults the long momentum horizon (60) is the last to fill
        assertThat(DEFAULTS.warmUpBars()).isEqualTo(60);
        assertThat(v.get(59).warm).isFalse();
        assertThat(v.get(60).warm).isTrue();
        assertThat(v.get(61).warm).isTrue();
    }

    @Test
    void warmWaitsForTheSlowestIndicatorWhateverItIs() {
        FeatureConfig slowMacd = FeatureConfig.builder().macd(12, 50, 30).build();
        FeatureConfig longTrend = FeatureConfig.builder().trendMaPeriod(120).build();
        FeatureConfig slowAdx = FeatureConfig.builder().adxPeriod(40).build();

        assertThat(slowMacd.warmUpBars()).isEqualTo(49 + 29);
        assertThat(longTrend.warmUpBars()).isEqualTo(119);
        assertThat(slowAdx.warmUpBars()).isEqualTo(79);
        for (FeatureConfig c : List.of(slowMacd, longTrend, slowAdx)) {
            FeatureCalculator calculator = new FeatureCalculator(c);
            FeatureState s = new FeatureState();
            double[] closes = randomWalk(c.warmUpBars() + 2, 9);
            for (int i = 0; i < closes.length; i++) {
                FeatureVector v = calculator.onCandle(s, candle(SYMBOL, bar(i), closes[i]));
                assertThat(v.warm).as("%s bar %d", c, i).isEqualTo(i >= c.warmUpBars());
            }
        }
    }

    @Test
    void stateStaysTheSameSizeOverAThousandCandles() throws Exception {
        double[] closes = randomWalk(10_000, 5);
        FeatureState s = new FeatureState();
        calc.onCandle(s, candle(SYMBOL, bar(0), closes[0]));
        double[] ring = s.closes;
        double[] volumes = s.volumes;
        double[] sums = s.windowSums;
        int sizeAfterOneBar = serializedSize(s);

        List<FeatureVector> v = new ArrayList<>();
        int sizeAfterWarmUp = 0;
        for (int i = 1; i < closes.length; i++) {
            v.add(calc.onCandle(s, candle(SYMBOL, bar(i), closes[i])));
            assertThat(s.closes).isSameAs(ring);
            assertThat(s.volumes).isSameAs(volumes);
            assertThat(s.windowSums).isSameAs(sums);
            if (i == 1_000) {
                sizeAfterWarmUp = serializedSize(s);
            }
        }

        // what Flink stores for the symbol does not grow with the number of bars
        assertThat(serializedSize(s)).isEqualTo(sizeAfterWarmUp).isEqualTo(sizeAfterOneBar);
        // one ring of closes serves momentum, Bollinger and the trend MA; one ring of volumes the
        // volume z-score and VPIN
        assertThat(s.closes)
                .hasSize(
                        Math.max(
                                DEFAULTS.longBars() + 1,
                                Math.max(DEFAULTS.bollingerPeriod(), DEFAULTS.trendMaPeriod())));
        assertThat(s.volumes).hasSize(Math.max(DEFAULTS.volumePeriod(), DEFAULTS.vpinBars()));
        assertThat(s.flowImbalances).hasSize(DEFAULTS.vpinBars());
        // the rings are nearly all of it: everything else takes under 512 bytes
        int rings = 8 * (s.closes.length + s.volumes.length + s.flowImbalances.length);
        assertThat(sizeAfterOneBar).isBetween(rings, rings + 512);
        assertThat(s.bars).isEqualTo(10_000);
        // the ring has wrapped many times and still finds the close 60 bars back
        FeatureVector last = v.get(v.size() - 1);
        assertThat(last.momentumLong)
                .isCloseTo(Math.log(closes[9_999] / closes[9_939]), within(1e-12));
        assertThat(last.momentumShort)
                .isCloseTo(Math.log(closes[9_999] / closes[9_994]), within(1e-12));
    }

    @Test
    void aStateWrittenUnderOtherPeriodsStartsOverAndKeepsItsReadings() {
        double[] closes = randomWalk(120, 13);
        FeatureState s = new FeatureState();
        calc.onSentiment(s, sentiment(SYMBOL, T0, 3.0));
        run(s, closes);
        // a shorter Bollinger window fits in the same ring of closes, but its sums differ
        FeatureConfig other = DEFAULTS.toBuilder().bollinger(10, 2.0).build();
        FeatureCalculator restarted = new FeatureCalculator(other);
        FeatureCalculator fresh = new FeatureCalculator(other);
        FeatureState empty = new FeatureState();
        fresh.onSentiment(empty, sentiment(SYMBOL, T0, 3.0));

        for (int i = 0; i < closes.length; i++) {
            Instant t = bar(closes.length + i);
            FeatureVector got = restarted.onCandle(s, candle(SYMBOL, t, closes[i]));
            FeatureVector want = fresh.onCandle(empty, candle(SYMBOL, t, closes[i]));
            assertThat(got).as("bar %d", i).usingRecursiveComparison().isEqualTo(want);
        }
        assertThat(s.bars).isEqualTo(closes.length);
        assertThat(s.sentiment()).isEqualTo(3.0);
    }

    private static int serializedSize(FeatureState s) throws Exception {
        TypeSerializer<FeatureState> serializer =
                TypeInformation.of(FeatureState.class).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(1024);
        serializer.serialize(s, out);
        return out.length();
    }

    @Test
    void hasPreviousFromTheSecondBar() {
        List<FeatureVector> v = run(new FeatureState(), new double[] {100, 100, 101});

        assertThat(v.get(0).hasPrevious).isFalse();
        assertThat(v.get(1).hasPrevious).isTrue();
        assertThat(v.get(1).logReturn).isZero();
        assertThat(v.get(2).hasPrevious).isTrue();
    }

    @Test
    void aFlatWindowHasBandsWithoutWidthAndNoVolumeSurprise() {
        double[] closes = new double[200];
        java.util.Arrays.fill(closes, 167.65);

        FeatureVector last = run(new FeatureState(), closes).get(199);

        assertThat(last.bollingerBandwidth).isZero();
        assertThat(last.bollingerPercentB).isEqualTo(0.5);
        assertThat(last.volumeZ).isZero();
        assertThat(last.trendMa).isEqualTo(167.65);
        assertThat(last.atr).isZero();
        assertThat(last.plusDi).isZero();
        assertThat(last.adx).isZero();
    }

    @Test
    void vectorCarriesTheBarIdentity() {
        FeatureVector v = calc.onCandle(new FeatureState(), candle(SYMBOL, T0, 123.0));

        assertThat(v.symbol).isEqualTo(SYMBOL);
        assertThat(v.eventTimeMs).isEqualTo(T0.toEpochMilli());
        assertThat(v.intervalMs).isEqualTo(TestRecords.MINUTE_MS);
        assertThat(v.close).isEqualTo(123.0);
        assertThat(v.sentiment).isZero();
        assertThat(v.bookImbalance).isZero();
        assertThat(v.bookSpreadBps).isZero();
        assertThat(v.bookDepth).isZero();
        assertThat(v.high).isEqualTo(123.0);
        assertThat(v.low).isEqualTo(123.0);
        assertThat(v.volume).isEqualTo(10.0);
    }

    @Test
    void sentimentHalvesEveryHalfLife() {
        FeatureState s = new FeatureState();
        long halfLife = DEFAULTS.sentimentHalfLifeMs();
        calc.onSentiment(s, sentiment(SYMBOL, T0, 8.0));

        FeatureVector atOnce = calc.onCandle(s, candle(SYMBOL, T0, 100));
        FeatureVector oneHalfLife = calc.onCandle(s, candle(SYMBOL, T0.plusMillis(halfLife), 100));
        FeatureVector twoHalfLives =
                calc.onCandle(s, candle(SYMBOL, T0.plusMillis(2 * halfLife), 100));

        assertThat(atOnce.sentiment).isCloseTo(8.0, within(1e-12));
        assertThat(oneHalfLife.sentiment).isCloseTo(4.0, within(1e-12));
        assertThat(twoHalfLives.sentiment).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void anOlderSentimentReadingDoesNotReplaceANewerOne() {
        FeatureState s = new FeatureState();
        calc.onSentiment(s, sentiment(SYMBOL, T0.plusSeconds(10), 6.0));
        calc.onSentiment(s, sentiment(SYMBOL, T0, -9.0));

        assertThat(s.sentiment()).isEqualTo(6.0);

        calc.onSentiment(s, sentiment(SYMBOL, T0.plusSeconds(10), -3.0));

        assertThat(s.sentiment()).isEqualTo(-3.0);
    }

    @Test
    void bookImbalanceAndSpreadInBasisPointsOfTheMid() {
        FeatureState s = new FeatureState();
        double bestBid = 99.9;
        double bestAsk = 100.1;
        calc.onBook(
                s,
                TestRecords.book(
                        SYMBOL,
                        T0,
                        List.of(level(bestBid, 3.0), level(99.8, 2.0)),
                        List.of(level(bestAsk, 1.0), level(100.2, 1.0))));

        FeatureVector v = calc.onCandle(s, candle(SYMBOL, T0.plusSeconds(60), 100.0));

        double bidQty = 3.0 + 2.0;
        double askQty = 1.0 + 1.0;
        assertThat(v.bookImbalance).isCloseTo((bidQty - askQty) / (bidQty + askQty), within(1e-12));
        assertThat(v.bookDepth).isEqualTo(bidQty + askQty);
        assertThat(v.bookSpreadBps)
                .isCloseTo((bestAsk - bestBid) / ((bestAsk + bestBid) / 2) * 10_000, within(1e-9))
                .isCloseTo(20.0, within(1e-6));
    }

    @Test
    void aOneSidedOrEmptyBookHasNoSpread() {
        FeatureState s = new FeatureState();
        calc.onBook(s, TestRecords.book(SYMBOL, T0, List.of(level(99.0, 4.0)), List.of()));

        assertThat(s.bookImbalance()).isEqualTo(1.0);
        assertThat(s.bookSpreadBps()).isZero();

        calc.onBook(s, TestRecords.book(SYMBOL, T0, List.of(), List.of()));

        assertThat(s.bookImbalance()).isZero();
        assertThat(s.bookSpreadBps()).isZero();
    }

    @Test
    void aSteadyRiseTrendsUpFromTheWarmBarOnAndNotBefore() {
        double[] closes = new double[100];
        for (int i = 0; i < closes.length; i++) {
            closes[i] = 100 * Math.pow(1.001, i);
        }

        List<FeatureVector> v = run(new FeatureState(), closes);

        int warm = DEFAULTS.warmUpBars();
        assertThat(v.subList(0, warm)).allMatch(f -> f.regime == Regime.RANGE_BOUND);
        // only up moves: +DI 100, ADX 100; constant returns: volatility ratio 1
        FeatureVector first = v.get(warm);
        assertThat(first.adx).isCloseTo(100.0, within(1e-9));
        assertThat(first.volatilityRatio).isCloseTo(1.0, within(1e-9));
        assertThat(first.close).isGreaterThan(first.trendMa);
        assertThat(v.subList(warm, v.size())).allMatch(f -> f.regime == Regime.BULL_TRENDING);
    }

    @Test
    void aSteadyFallTrendsDown() {
        double[] closes = new double[100];
        for (int i = 0; i < closes.length; i++) {
            closes[i] = 100 * Math.pow(0.999, i);
        }

        List<FeatureVector> v = run(new FeatureState(), closes);

        assertThat(v.get(99).minusDi).isCloseTo(100.0, within(1e-9));
        assertThat(v.get(99).regime).isEqualTo(Regime.BEAR_TRENDING);
    }

    @Test
    void aZigzagAfterATrendBecomesRangeBoundAndAJumpMakesItVolatile() {
        double[] closes = new double[400];
        for (int i = 0; i < 100; i++) {
            closes[i] = 100 * Math.pow(1.001, i);
        }
        for (int i = 100; i < 399; i++) {
            closes[i] = closes[99] + (i % 2 == 0 ? 0.0 : 0.01);
        }
        closes[399] = closes[398] * 1.05;

        List<FeatureVector> v = run(new FeatureState(), closes);

        assertThat(v.get(99).regime).isEqualTo(Regime.BULL_TRENDING);
        // equal up and down moves: ADX decays towards 0; the bands (2 * 2 * 0.005) sit inside
        // +/- 1.5 ATR (ATR 0.01)
        FeatureVector calm = v.get(398);
        assertThat(calm.adx).isLessThan(20);
        assertThat(calm.regime).isEqualTo(Regime.RANGE_BOUND);
        FeatureVector jump = v.get(399);
        assertThat(jump.volatilityRatio).isGreaterThan(1.5);
        assertThat(jump.regime).isEqualTo(Regime.BULL_VOLATILE);
    }

    @Test
    void theRegimeThresholdsComeFromTheRegimeConfig() {
        double[] closes = new double[100];
        for (int i = 0; i < closes.length; i++) {
            closes[i] = 100 * Math.pow(1.001, i);
        }
        // a trend needs ADX above 100: never
        FeatureCalculator neverTrends =
                new FeatureCalculator(DEFAULTS, new RegimeConfig(100, 20, 1.5, 1.5));

        FeatureState s = new FeatureState();
        FeatureVector last = null;
        for (int i = 0; i < closes.length; i++) {
            last = neverTrends.onCandle(s, candle(SYMBOL, bar(i), closes[i]));
        }

        assertThat(last.adx).isCloseTo(100.0, within(1e-9));
        assertThat(last.regime).isEqualTo(Regime.RANGE_BOUND);
        assertThat(neverTrends.regimeConfig().adxTrending()).isEqualTo(100);
    }

    @Test
    void configRejectsInconsistentSettings() {
        FeatureConfig.Builder b = FeatureConfig.builder();
        assertThatThrownBy(() -> FeatureConfig.builder().momentumBars(5, 5, 60).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 <= short < mid < long")
                .hasMessageContaining("5/5/60");
        assertThatThrownBy(() -> FeatureConfig.builder().volLambda(1.0).build())
                .hasMessageContaining("volatility lambda");
        assertThatThrownBy(() -> FeatureConfig.builder().rsiPeriod(1).build())
                .hasMessageContaining("RSI period");
        assertThatThrownBy(() -> FeatureConfig.builder().sentimentHalfLifeMs(0).build())
                .hasMessageContaining("half-life");
        assertThatThrownBy(() -> FeatureConfig.builder().atrPeriod(1).build())
                .hasMessageContaining("ATR period");
        assertThatThrownBy(() -> FeatureConfig.builder().adxPeriod(0).build())
                .hasMessageContaining("ADX period");
        assertThatThrownBy(() -> FeatureConfig.builder().macd(26, 12, 9).build())
                .hasMessageContaining("MACD periods")
                .hasMessageContaining("26/12/9");
        assertThatThrownBy(() -> FeatureConfig.builder().bollinger(20, 0).build())
                .hasMessageContaining("Bollinger k");
        assertThatThrownBy(() -> FeatureConfig.builder().bollinger(1, 2).build())
                .hasMessageContaining("Bollinger period");
        assertThatThrownBy(() -> FeatureConfig.builder().trendMaPeriod(1).build())
                .hasMessageContaining("trend MA period");
        assertThatThrownBy(() -> FeatureConfig.builder().volumePeriod(1).build())
                .hasMessageContaining("volume z-score period");
        assertThatThrownBy(() -> FeatureConfig.builder().vpinBars(0).build())
                .hasMessageContaining("VPIN bars");
        assertThat(b.build()).isEqualTo(FeatureConfig.defaults());
    }
}
