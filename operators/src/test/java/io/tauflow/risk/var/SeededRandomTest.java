package io.tauflow.risk.var;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeededRandomTest {

    @Test
    void theSameSeedGivesTheSameStreamAndReseedRestartsIt() {
        SeededRandom a = new SeededRandom(123);
        SeededRandom b = new SeededRandom(123);
        double[] first = new double[1_000];
        for (int i = 0; i < first.length; i++) {
            first[i] = a.nextGaussian();
            assertThat(b.nextGaussian()).isEqualTo(first[i]);
        }
        a.reseed(123);
        for (double v : first) {
            assertThat(a.nextGaussian()).isEqualTo(v);
        }
        assertThat(new SeededRandom(124).nextLong()).isNotEqualTo(new SeededRandom(123).nextLong());
    }

    @Test
    void seedsDifferBySymbolWindowEndAndConfiguredSeed() {
        Set<Long> seeds = new HashSet<>();
        for (String symbol : new String[] {"SPY", "IBM", "BAC", "AIG"}) {
            for (long end = 0; end < 100; end++) {
                for (long configured : new long[] {1, 2, 42}) {
                    seeds.add(
                            SeededRandom.seedFor(
                                    symbol, 1_380_873_960_000L + end * 60_000, configured));
                }
            }
        }
        assertThat(seeds).hasSize(4 * 100 * 3);
        assertThat(SeededRandom.seedFor("SPY", 5, 7)).isEqualTo(SeededRandom.seedFor("SPY", 5, 7));
    }

    @Test
    void uniformsAreInTheUnitIntervalWithTheRightMoments() {
        SeededRandom r = new SeededRandom(5);
        int n = 1_000_000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            assertThat(u).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
            sum += u;
            sumSq += u * u;
        }
        // standard errors: mean 0.00029, second moment 0.0003
        assertThat(sum / n).isCloseTo(0.5, within(0.0015));
        assertThat(sumSq / n).isCloseTo(1.0 / 3.0, within(0.0015));
    }

    @Test
    void normalsFollowTheStandardNormalDistribution() {
        SeededRandom r = new SeededRandom(11);
        int n = 4_000_000;
        double[] points = {
            -3.5, -2.5, -1.6448536269514722, -1.0, -0.3, 0.0, 0.7, 1.5, 2.3263478740408408, 3.2
        };
        long[] below = new long[points.length];
        double sum = 0;
        double sumSq = 0;
        double sumFourth = 0;
        for (int i = 0; i < n; i++) {
            double z = r.nextGaussian();
            sum += z;
            sumSq += z * z;
            sumFourth += z * z * z * z;
            for (int k = 0; k < points.length; k++) {
                if (z < points[k]) {
                    below[k]++;
                }
            }
        }
        assertThat(sum / n).isCloseTo(0.0, within(5 * Math.sqrt(1.0 / n)));
        assertThat(sumSq / n).isCloseTo(1.0, within(5 * Math.sqrt(2.0 / n)));
        assertThat(sumFourth / n).isCloseTo(3.0, within(5 * Math.sqrt(96.0 / n)));
        for (int k = 0; k < points.length; k++) {
            double p = NormalReference.cdf(points[k]);
            double se = Math.sqrt(p * (1 - p) / n);
            assertThat((double) below[k] / n)
                    .as("P(Z < %s)", points[k])
                    .isCloseTo(p, within(5 * se));
        }
    }

    @Test
    void gammaAndPoissonHaveTheirMeansAndVariances() {
        SeededRandom r = new SeededRandom(3);
        int n = 400_000;
        for (double shape : new double[] {0.6, 1.0, 2.5, 5.0}) {
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < n; i++) {
                double x = r.nextGamma(shape);
                assertThat(x).isGreaterThanOrEqualTo(0.0);
                sum += x;
                sumSq += x * x;
            }
            double mean = sum / n;
            double var = sumSq / n - mean * mean;
            assertThat(mean)
                    .as("gamma(%s) mean", shape)
                    .isCloseTo(shape, within(6 * Math.sqrt(shape / n)));
            assertThat(var).as("gamma(%s) variance", shape).isCloseTo(shape, within(0.03 * shape));
        }
        for (double lambda : new double[] {0.002, 0.3, 2.0}) {
            double e = Math.exp(-lambda);
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < n; i++) {
                int k = r.nextPoisson(e);
                sum += k;
                sumSq += (double) k * k;
            }
            double mean = sum / n;
            assertThat(mean)
                    .as("Poisson(%s) mean", lambda)
                    .isCloseTo(lambda, within(6 * Math.sqrt(lambda / n)));
            assertThat(sumSq / n - mean * mean)
                    .as("Poisson(%s) variance", lambda)
                    .isCloseTo(lambda, within(0.05 * lambda + 6 * Math.sqrt(lambda / n)));
        }
    }
}
