package io.tauflow.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RollingWindowTest {

    /** A ring and a state's window sums, and windows over them (at most one per state window). */
    private static final class Series {
        final double[] ring;
        final FeatureState sums = new FeatureState();
        final RollingWindow[] windows;
        long seen;

        Series(int ringLength, int... periods) {
            ring = new double[ringLength];
            sums.clearAveragesAndWindows();
            windows = new RollingWindow[periods.length];
            for (int i = 0; i < periods.length; i++) {
                windows[i] = new RollingWindow(periods[i], FeatureState.Window.values()[i]);
            }
        }

        void add(double x) {
            int pos = RollingWindow.position(seen, ring.length);
            for (RollingWindow w : windows) {
                w.add(sums, ring, seen, pos, x);
            }
            ring[pos] = x;
            seen++;
        }

        double mean(int window) {
            return windows[window].mean(sums, seen);
        }

        double variance(int window) {
            return windows[window].variance(sums, seen);
        }

        boolean full(int window) {
            return windows[window].full(seen);
        }
    }

    private static double mean(double[] x, int end, int n) {
        double sum = 0;
        for (int i = end - n + 1; i <= end; i++) {
            sum += x[i];
        }
        return sum / n;
    }

    private static double variance(double[] x, int end, int n) {
        double m = mean(x, end, n);
        double ss = 0;
        for (int i = end - n + 1; i <= end; i++) {
            ss += (x[i] - m) * (x[i] - m);
        }
        return ss / n;
    }

    @Test
    void statisticsOfThePartialWindowAreOverTheValuesSoFar() {
        Series w = new Series(4, 4);
        w.add(1);
        w.add(3);

        assertThat(w.full(0)).isFalse();
        assertThat(w.mean(0)).isEqualTo(2.0);
        assertThat(w.variance(0)).isEqualTo(1.0);

        w.add(5);
        w.add(7);
        w.add(9);

        assertThat(w.full(0)).isTrue();
        assertThat(w.mean(0)).isEqualTo(6.0);
        assertThat(w.variance(0)).isEqualTo(5.0);
    }

    @Test
    void noDriftOverAMillionUpdatesOfHighPricedCloseTicks() {
        // BTC-like prices in cents: a large level with small moves is where sums of squares fail
        int n = 20;
        int count = 1_000_000;
        double[] x = new double[count];
        Random r = new Random(1);
        long ticks = 6_500_000;
        for (int i = 0; i < count; i++) {
            ticks += Math.round(r.nextGaussian() * 3);
            x[i] = ticks * 0.01;
        }
        Series w = new Series(n, n);

        for (int i = 0; i < count; i++) {
            w.add(x[i]);
            if (i >= n && (i % 997 == 0 || i == count - 1)) {
                double m = mean(x, i, n);
                double v = variance(x, i, n);
                assertThat(w.mean(0)).as("mean @%d", i).isCloseTo(m, within(1e-12 * m));
                assertThat(w.variance(0)).as("variance @%d", i).isCloseTo(v, within(1e-9 * v));
            }
        }
    }

    @Test
    void aWindowOfEqualValuesHasNoVarianceOnceTheRingHasTurned() {
        Series w = new Series(5, 5);
        for (double v : new double[] {167.61, 167.72, 167.65, 167.70, 167.64}) {
            w.add(v);
        }
        for (int i = 0; i < 10; i++) {
            w.add(167.65);
        }

        assertThat(w.variance(0)).isZero();
        assertThat(w.mean(0)).isEqualTo(167.65);
    }

    @Test
    void windowsSharingALongerRingMatchWindowsWithARingOfTheirOwn() {
        // as the closes ring serves Bollinger (20) and the trend MA (50) beside momentum (61)
        Series shared = new Series(61, 20, 50, 61);
        Series bollinger = new Series(20, 20);
        Series trend = new Series(50, 50);
        Series longest = new Series(61, 61);
        Random r = new Random(3);
        double price = 1_000;

        for (int i = 0; i < 5_000; i++) {
            price *= Math.exp(0.002 * r.nextGaussian());
            for (Series s : new Series[] {shared, bollinger, trend, longest}) {
                s.add(price);
            }

            // bit for bit: the same sums in the same order, only read from another ring index
            assertThat(shared.mean(0)).as("mean 20 @%d", i).isEqualTo(bollinger.mean(0));
            assertThat(shared.variance(0)).as("var 20 @%d", i).isEqualTo(bollinger.variance(0));
            assertThat(shared.mean(1)).as("mean 50 @%d", i).isEqualTo(trend.mean(0));
            assertThat(shared.variance(1)).as("var 50 @%d", i).isEqualTo(trend.variance(0));
            assertThat(shared.mean(2)).as("mean 61 @%d", i).isEqualTo(longest.mean(0));
            assertThat(shared.full(0)).isEqualTo(i >= 19);
            assertThat(shared.full(1)).isEqualTo(i >= 49);
        }
    }

    @Test
    void positionIsTheRemainderBeyondTheIntRangeToo() {
        for (long index : new long[] {0, 1, 60, 61, 122, Integer.MAX_VALUE, 1L << 31, 1L << 40}) {
            for (int length : new int[] {1, 20, 61}) {
                assertThat(RollingWindow.position(index, length))
                        .as("%d %% %d", index, length)
                        .isEqualTo((int) (index % length));
            }
        }
    }

    @Test
    void aWindowWithoutValuesHasNoMeanNorVariance() {
        Series w = new Series(3, 3);

        assertThat(w.mean(0)).isZero();
        assertThat(w.variance(0)).isZero();
        assertThat(w.full(0)).isFalse();
    }
}
