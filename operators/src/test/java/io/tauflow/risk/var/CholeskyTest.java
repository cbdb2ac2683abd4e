package io.tauflow.risk.var;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CholeskyTest {

    private static double[][] product(Cholesky c) {
        int d = c.dimension;
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    out[i][j] += c.get(i, k) * c.get(j, k);
                }
            }
        }
        return out;
    }

    @Test
    void factorsAKnownMatrixExactly() {
        // L = [[2,0,0],[6,1,0],[-8,5,3]], Sigma = L L^T
        double[][] cov = {{4, 12, -16}, {12, 37, -43}, {-16, -43, 98}};

        Cholesky c = Cholesky.of(cov);

        double[][] l = {{2, 0, 0}, {6, 1, 0}, {-8, 5, 3}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(c.get(i, j)).as("L(%d,%d)", i, j).isCloseTo(l[i][j], within(1e-12));
            }
        }
        assertThat(c.jitter).isZero();
        assertThat(c.diagonalFallback).isFalse();
    }

    @Test
    void perfectlyCorrelatedSymbolsGiveASingularButExactFactor() {
        double a = 0.002;
        double b = 0.005;
        double[][] cov = {{a * a, a * b}, {a * b, b * b}};

        Cholesky c = Cholesky.of(cov);

        assertThat(c.diagonalFallback).isFalse();
        assertThat(c.get(0, 0)).isCloseTo(a, within(1e-15));
        assertThat(c.get(1, 0)).isCloseTo(b, within(1e-15));
        assertThat(c.get(1, 1)).isCloseTo(0.0, within(1e-9));
        double[][] back = product(c);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertThat(back[i][j]).isCloseTo(cov[i][j], within(1e-12));
            }
        }
    }

    @Test
    void aSlightlyIndefiniteMatrixIsJitteredAndAClearlyIndefiniteOneDropsCorrelations() {
        // correlation 1 + 1e-7: indefinite by a hair, a small jitter repairs it
        double[][] hair = {{1.0, 1.0 + 1e-7}, {1.0 + 1e-7, 1.0}};
        Cholesky j = Cholesky.of(hair);
        assertThat(j.diagonalFallback).isFalse();
        assertThat(j.jitter).isGreaterThan(0.0).isLessThanOrEqualTo(1e-2);
        double[][] back = product(j);
        assertThat(back[0][1]).isCloseTo(1.0, within(1e-3));

        // pairwise correlations 0.9, 0.9, -0.9: no valid correlation matrix
        double[][] bad = {{1, 0.9, 0.9}, {0.9, 1, -0.9}, {0.9, -0.9, 1}};
        Cholesky f = Cholesky.of(bad);
        assertThat(f.diagonalFallback).isTrue();
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                assertThat(f.get(i, k)).isEqualTo(i == k ? 1.0 : 0.0);
            }
        }
    }

    @Test
    void rejectsNonSymmetricAndNonFiniteMatrices() {
        assertThatThrownBy(() -> Cholesky.of(new double[][] {{1, 0.5}, {0.2, 1}}))
                .hasMessageContaining("not symmetric");
        assertThatThrownBy(() -> Cholesky.of(new double[][] {{Double.NaN}}))
                .hasMessageContaining("NaN");
    }
}
