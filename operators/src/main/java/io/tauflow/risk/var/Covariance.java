package io.tauflow.risk.var;

/**
 * Means and sample covariance (divisor n - 1) of several symbols' aligned one-bar log returns: row
 * t of the input holds every symbol's return of the same bar. What portfolio VaR and the level 4
 * Cholesky factor are computed from.
 */
public final class Covariance {

    public final double[] means;
    public final double[][] matrix;
    public final int observations;

    private Covariance(double[] means, double[][] matrix, int observations) {
        this.means = means;
        this.matrix = matrix;
        this.observations = observations;
    }

    /**
     * @param returns returns[t][i]: symbol i's return in bar t; at least two rows, all of the same
     *     length
     */
    public static Covariance of(double[][] returns) {
        int n = returns.length;
        if (n < 2) {
            throw new IllegalArgumentException(
                    "a covariance needs at least 2 observations, got " + n);
        }
        int d = returns[0].length;
        double[] means = new double[d];
        for (double[] row : returns) {
            if (row.length != d) {
                throw new IllegalArgumentException("rows of aligned returns differ in length");
            }
            for (int i = 0; i < d; i++) {
                means[i] += row[i];
            }
        }
        for (int i = 0; i < d; i++) {
            means[i] /= n;
        }
        double[][] cov = new double[d][d];
        for (double[] row : returns) {
            for (int i = 0; i < d; i++) {
                double di = row[i] - means[i];
                for (int j = 0; j <= i; j++) {
                    cov[i][j] += di * (row[j] - means[j]);
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                cov[i][j] /= n - 1;
                cov[j][i] = cov[i][j];
            }
        }
        return new Covariance(means, cov, n);
    }
}
