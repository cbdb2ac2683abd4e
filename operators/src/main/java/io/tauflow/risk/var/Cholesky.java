package io.tauflow.risk.var;

/**
 * Lower-triangular Cholesky factor L of a covariance matrix (Sigma = L L^T), used to draw
 * correlated shocks: if g is a vector of independent standard normals, L g has covariance Sigma.
 *
 * <p>Sample covariance matrices are positive semi-definite but may be singular (perfectly
 * correlated or constant series) or, after rounding, very slightly indefinite. The factorisation
 * therefore works in three stages, and {@link #jitter} / {@link #diagonalFallback} say which one
 * was used:
 *
 * <ol>
 *   <li>Semi-definite Cholesky: a pivot within {@code 1e-10 x} its diagonal entry of zero (either
 *       sign) counts as zero and its column below the diagonal is set to zero (in exact arithmetic
 *       those entries are 0/0 with a zero numerator; a numerator above {@code 1e-6 x} the geometric
 *       mean of the two diagonal entries means the matrix is indefinite).
 *   <li>If a pivot is clearly negative, retry with {@code jitter = 1e-8 x mean(diagonal)} added to
 *       the diagonal, multiplying the jitter by 10 up to {@code 1e-2 x mean(diagonal)}.
 *   <li>If that fails too, drop the correlations: L = diag(sqrt(max(0, Sigma_ii))).
 * </ol>
 */
public final class Cholesky {

    private static final double ZERO_PIVOT = 1e-10;

    /** Row-major d x d; entries above the diagonal are zero. */
    public final double[] lower;

    public final int dimension;

    /** What was added to the diagonal before the factorisation succeeded (0 if nothing). */
    public final double jitter;

    /** True if the matrix could not be factored and the correlations were dropped. */
    public final boolean diagonalFallback;

    private Cholesky(double[] lower, int dimension, double jitter, boolean diagonalFallback) {
        this.lower = lower;
        this.dimension = dimension;
        this.jitter = jitter;
        this.diagonalFallback = diagonalFallback;
    }

    /** Factors a symmetric d x d matrix with finite entries (not modified). */
    public static Cholesky of(double[][] cov) {
        int d = cov.length;
        double meanDiag = 0;
        for (int i = 0; i < d; i++) {
            if (cov[i].length != d) {
                throw new IllegalArgumentException("covariance matrix is not square");
            }
            for (int j = 0; j < d; j++) {
                double v = cov[i][j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(
                            "covariance entry (" + i + "," + j + ") is " + v);
                }
                if (Math.abs(v - cov[j][i])
                        > 1e-12 * (Math.abs(v) + Math.abs(cov[j][i])) + 1e-300) {
                    throw new IllegalArgumentException("covariance matrix is not symmetric");
                }
            }
            meanDiag += cov[i][i];
        }
        meanDiag = d == 0 ? 0 : meanDiag / d;
        double[] l = new double[d * d];
        if (factor(cov, 0.0, l)) {
            return new Cholesky(l, d, 0.0, false);
        }
        for (double jitter = 1e-8 * meanDiag; jitter <= 1e-2 * meanDiag * 1.0000001; jitter *= 10) {
            if (jitter > 0 && factor(cov, jitter, l)) {
                return new Cholesky(l, d, jitter, false);
            }
        }
        java.util.Arrays.fill(l, 0.0);
        for (int i = 0; i < d; i++) {
            l[i * d + i] = Math.sqrt(Math.max(0.0, cov[i][i]));
        }
        return new Cholesky(l, d, 0.0, true);
    }

    private static boolean factor(double[][] cov, double jitter, double[] l) {
        int d = cov.length;
        java.util.Arrays.fill(l, 0.0);
        for (int j = 0; j < d; j++) {
            double diag = cov[j][j] + jitter;
            double pivot = diag;
            for (int k = 0; k < j; k++) {
                pivot -= l[j * d + k] * l[j * d + k];
            }
            double tolerance = ZERO_PIVOT * Math.abs(diag);
            if (pivot < -tolerance || Double.isNaN(pivot)) {
                return false;
            }
            if (pivot <= tolerance) {
                // a zero pivot: this direction carries no new variance, and in a semi-definite
                // matrix the rest of its column is zero too; if it is not, the matrix is indefinite
                l[j * d + j] = 0.0;
                for (int i = j + 1; i < d; i++) {
                    double s = cov[i][j];
                    for (int k = 0; k < j; k++) {
                        s -= l[i * d + k] * l[j * d + k];
                    }
                    if (Math.abs(s) > 1e-6 * Math.sqrt(Math.abs(diag * cov[i][i]))) {
                        return false;
                    }
                }
                continue;
            }
            double ljj = Math.sqrt(pivot);
            l[j * d + j] = ljj;
            for (int i = j + 1; i < d; i++) {
                double s = cov[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * d + k] * l[j * d + k];
                }
                l[i * d + j] = s / ljj;
            }
        }
        return true;
    }

    /** Entry (i, j) of L. */
    public double get(int i, int j) {
        return lower[i * dimension + j];
    }
}
