package io.tauflow.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tauflow.schema.Candle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The incremental indicators against their definitions written out the textbook way: whole arrays,
 * Wilder's sums, two-pass means and deviations, with the seeding Tauflow documents (the simple mean
 * of the first n inputs). Unlike the ta4j comparison (jobs module), this checks every bar from
 * warm-up on, seeds included.
 *
 * <p>Prices are whole ticks of 0.01, as real prices are, and the directional movement is decided on
 * the integer ticks, so a decimal tie is a tie here too.
 */
class IndicatorDefinitionsTest {

    private static final FeatureConfig CONFIG = FeatureConfig.defaults();
    private static final int N = 3_000;
    private static final double TICK = 0.01;
    private static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");

    private static long[] openT;
    private static long[] highT;
    private static long[] lowT;
    private static long[] closeT;
    private static double[] high;
    private static double[] low;
    private static double[] close;
    private static double[] volume;
    private static List<FeatureVector> out;

    @BeforeAll
    static void run() {
        Random r = new Random(20240301);
        openT = new long[N];
        highT = new long[N];
        lowT = new long[N];
        closeT = new long[N];
        high = new double[N];
        low = new double[N];
        close = new double[N];
        volume = new double[N];
        long prev = 10_000;
        for (int i = 0; i < N; i++) {
            openT[i] = prev;
            closeT[i] = prev + Math.round(r.nextGaussian() * 4);
            highT[i] = Math.max(openT[i], closeT[i]) + Math.round(Math.abs(r.nextGaussian()) * 2);
            lowT[i] = Math.min(openT[i], closeT[i]) - Math.round(Math.abs(r.nextGaussian()) * 2);
            prev = closeT[i];
            high[i] = highT[i] * TICK;
            low[i] = lowT[i] * TICK;
            close[i] = closeT[i] * TICK;
            volume[i] = 100 + r.nextInt(5_000);
        }
        FeatureCalculator calc = new FeatureCalculator(CONFIG);
        FeatureState s = new FeatureState();
        out = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            Candle c =
                    Candle.newBuilder()
                            .setVenue("TEST")
                            .setSymbol("X")
                            .setOpenTimeMs(T0.toEpochMilli() + i * 60_000L)
                            .setIntervalMs(60_000L)
                            .setOpen(openT[i] * TICK)
                            .setHigh(high[i])
                            .setLow(low[i])
                            .setClose(close[i])
                            .setVolume(volume[i])
                            .setTrades(null)
                            .setTakerBuyVolume(null)
                            .build();
            out.add(calc.onCandle(s, c));
        }
    }

    /** Wilder's average of x[from..]: the mean of the first n, then (prev*(n-1) + x)/n. */
    private static double[] wilder(double[] x, int from, int n) {
        double[] avg = new double[x.length];
        double sum = 0;
        for (int i = from; i < from + n; i++) {
            sum += x[i];
        }
        avg[from + n - 1] = sum / n;
        for (int i = from + n; i < x.length; i++) {
            avg[i] = (avg[i - 1] * (n - 1) + x[i]) / n;
        }
        return avg;
    }

    /** EMA of x[from..] with alpha 2/(n+1), seeded with the mean of the first n. */
    private static double[] ema(double[] x, int from, int n) {
        double[] e = new double[x.length];
        double sum = 0;
        for (int i = from; i < from + n; i++) {
            sum += x[i];
        }
        e[from + n - 1] = sum / n;
        double alpha = 2.0 / (n + 1);
        for (int i = from + n; i < x.length; i++) {
            e[i] = e[i - 1] + alpha * (x[i] - e[i - 1]);
        }
        return e;
    }

    private static double[] trueRange() {
        double[] tr = new double[N];
        for (int i = 1; i < N; i++) {
            tr[i] =
                    Math.max(
                            high[i] - low[i],
                            Math.max(
                                    Math.abs(high[i] - close[i - 1]),
                                    Math.abs(low[i] - close[i - 1])));
        }
        return tr;
    }

    private static double mean(double[] x, int end, int n) {
        double sum = 0;
        for (int i = end - n + 1; i <= end; i++) {
            sum += x[i];
        }
        return sum / n;
    }

    private static double populationSd(double[] x, int end, int n) {
        double m = mean(x, end, n);
        double ss = 0;
        for (int i = end - n + 1; i <= end; i++) {
            ss += (x[i] - m) * (x[i] - m);
        }
        return Math.sqrt(ss / n);
    }

    private static void assertFromWarmUp(
            String name, double[] expected, ToDoubleFunction<FeatureVector> actual, double scale) {
        int from = CONFIG.warmUpBars();
        for (int i = from; i < N; i++) {
            double want = expected[i];
            assertThat(actual.applyAsDouble(out.get(i)))
                    .as("%s at bar %d", name, i)
                    .isCloseTo(want, within(1e-9 * Math.max(Math.abs(want), scale)));
        }
    }

    @Test
    void atrIsWildersAverageOfTheTrueRangeFromTheSecondBar() {
        double[] atr = wilder(trueRange(), 1, CONFIG.atrPeriod());

        assertFromWarmUp("ATR", atr, v -> v.atr, 0);
        // seeded at bar index n with the plain mean of TR[1..n]
        double seed = 0;
        double[] tr = trueRange();
        for (int i = 1; i <= CONFIG.atrPeriod(); i++) {
            seed += tr[i];
        }
        assertThat(out.get(CONFIG.atrPeriod()).atr)
                .isCloseTo(seed / CONFIG.atrPeriod(), within(1e-12));
    }

    @Test
    void directionalIndicatorsAndAdxFollowWildersSums() {
        int n = CONFIG.adxPeriod();
        double[] tr = trueRange();
        double[] plusDm = new double[N];
        double[] minusDm = new double[N];
        for (int i = 1; i < N; i++) {
            long up = highT[i] - highT[i - 1];
            long down = lowT[i - 1] - lowT[i];
            plusDm[i] = up > down && up > 0 ? up * TICK : 0;
            minusDm[i] = down > up && down > 0 ? down * TICK : 0;
        }
        // Wilder's running sums: S = S - S/n + x, seeded with the sum of the first n
        double sTr = 0;
        double sPlus = 0;
        double sMinus = 0;
        double[] plusDi = new double[N];
        double[] minusDi = new double[N];
        double[] dx = new double[N];
        for (int i = 1; i < N; i++) {
            if (i <= n) {
                sTr += tr[i];
                sPlus += plusDm[i];
                sMinus += minusDm[i];
            } else {
                sTr = sTr - sTr / n + tr[i];
                sPlus = sPlus - sPlus / n + plusDm[i];
                sMinus = sMinus - sMinus / n + minusDm[i];
            }
            if (i >= n) {
                plusDi[i] = 100 * sPlus / sTr;
                minusDi[i] = 100 * sMinus / sTr;
                dx[i] = 100 * Math.abs(plusDi[i] - minusDi[i]) / (plusDi[i] + minusDi[i]);
            }
        }
        double[] adx = wilder(dx, n, n);

        assertFromWarmUp("+DI", plusDi, v -> v.plusDi, 1);
        assertFromWarmUp("-DI", minusDi, v -> v.minusDi, 1);
        assertFromWarmUp("ADX", adx, v -> v.adx, 1);
        assertThat(out.get(2 * n - 2).warm).isFalse();
        assertThat(out.get(2 * n - 1).adx)
                .as("first ADX = mean of the first n DX")
                .isCloseTo(mean(dx, 2 * n - 1, n), within(1e-9));
    }

    @Test
    void macdIsTheDifferenceOfSmaSeededEmasAndItsSignalStartsWhenTheSlowOneIsSeeded() {
        int slow = CONFIG.macdSlow();
        double[] fast = ema(close, 0, CONFIG.macdFast());
        double[] slowEma = ema(close, 0, slow);
        double[] line = new double[N];
        for (int i = slow - 1; i < N; i++) {
            line[i] = fast[i] - slowEma[i];
        }
        double[] signal = ema(line, slow - 1, CONFIG.macdSignal());
        double[] histogram = new double[N];
        for (int i = 0; i < N; i++) {
            histogram[i] = line[i] - signal[i];
        }

        assertFromWarmUp("MACD", line, v -> v.macd, close[0]);
        assertFromWarmUp("signal", signal, v -> v.macdSignal, close[0]);
        assertFromWarmUp("histogram", histogram, v -> v.macdHistogram, close[0]);
    }

    @Test
    void bollingerUsesThePopulationDeviationAndABandwidthFraction() {
        int p = CONFIG.bollingerPeriod();
        double k = CONFIG.bollingerK();
        double[] percentB = new double[N];
        double[] bandwidth = new double[N];
        for (int i = p - 1; i < N; i++) {
            double m = mean(close, i, p);
            double sd = populationSd(close, i, p);
            double upper = m + k * sd;
            double lower = m - k * sd;
            percentB[i] = (close[i] - lower) / (upper - lower);
            bandwidth[i] = (upper - lower) / m;
        }

        assertFromWarmUp("%b", percentB, v -> v.bollingerPercentB, 1);
        assertFromWarmUp("bandwidth", bandwidth, v -> v.bollingerBandwidth, 0);
    }

    @Test
    void trendMaAndVolumeZScoreAreOverTheirWindowsWithThisBarIncluded() {
        double[] ma = new double[N];
        double[] z = new double[N];
        for (int i = CONFIG.trendMaPeriod() - 1; i < N; i++) {
            ma[i] = mean(close, i, CONFIG.trendMaPeriod());
        }
        for (int i = CONFIG.volumePeriod() - 1; i < N; i++) {
            z[i] =
                    (volume[i] - mean(volume, i, CONFIG.volumePeriod()))
                            / populationSd(volume, i, CONFIG.volumePeriod());
        }

        assertFromWarmUp("trend MA", ma, v -> v.trendMa, 0);
        assertFromWarmUp("volume z", z, v -> v.volumeZ, 1);
    }

    @Test
    void warmFromTheDocumentedBarOn() {
        int first = CONFIG.warmUpBars();

        assertThat(out.subList(0, first)).noneMatch(v -> v.warm);
        assertThat(out.subList(first, N)).allMatch(v -> v.warm);
        assertThat(out.get(0).hasPrevious).isFalse();
        assertThat(out.subList(1, N)).allMatch(v -> v.hasPrevious);
    }
}
