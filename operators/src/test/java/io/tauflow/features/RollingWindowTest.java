package io.tauflow.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RollingWindowTest {

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
        RollingWindow w = new RollingWindow();
        w.resize(4);
        w.add(1);
        w.add(3);

        assertThat(w.full()).isFalse();
        assertThat(w.mean()).isEqualTo(2.0);
        assertThat(w.variance()).isEqualTo(1.0);
        assertThat(w.valueBack(0)).isEqualTo(3.0);
        assertThat(w.valueBack(1)).isEqualTo(1.0);

        w.add(5);
        w.add(7);
        w.add(9);

        assertThat(w.full()).isTrue();
        assertThat(w.mean()).isEqualTo(6.0);
        assertThat(w.variance()).isEqualTo(5.0);
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
        RollingWindow w = new RollingWindow();
        w.resize(n);

        for (int i = 0; i < count; i++) {
            w.add(x[i]);
            if (i >= n && (i % 997 == 0 || i == count - 1)) {
                double m = mean(x, i, n);
                double v = variance(x, i, n);
                assertThat(w.mean()).as("mean @%d", i).isCloseTo(m, within(1e-12 * m));
                assertThat(w.variance()).as("variance @%d", i).isCloseTo(v, within(1e-9 * v));
            }
        }
    }

    @Test
    void aWindowOfEqualValuesHasNoVarianceOnceTheRingHasTurned() {
        RollingWindow w = new RollingWindow();
        w.resize(5);
        for (double v : new double[] {167.61, 167.72, 167.65, 167.70, 167.64}) {
            w.add(v);
        }
        for (int i = 0; i < 10; i++) {
            w.add(167.65);
        }

        assertThat(w.variance()).isZero();
        assertThat(w.mean()).isEqualTo(167.65);
    }

    @Test
    void resizingToAnotherSizeStartsOver() {
        RollingWindow w = new RollingWindow();
        w.resize(3);
        w.add(10);
        w.resize(3);

        assertThat(w.count).isEqualTo(1);

        w.resize(4);

        assertThat(w.count).isZero();
        assertThat(w.values).hasSize(4);
        assertThat(w.mean()).isZero();
    }
}
