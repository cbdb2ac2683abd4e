package io.tauflow.risk.var;

/**
 * Account-level Value-at-Risk: combines the symbols' exposures (value held, negative for short)
 * with the covariance of their one-bar log returns.
 *
 * <p>Parametric (delta-normal): over h bars the portfolio P&amp;L is approximately Normal(h x^T m,
 * h x^T Sigma x), so {@code VaR_p = max(0, z_p sqrt(h x^T Sigma x) - h x^T m)}, a loss in the
 * exposures' currency. With perfectly correlated symbols this is the sum of the symbols' VaRs; with
 * independent ones (and zero means) the square root of the sum of their squares. Monte Carlo
 * portfolio VaR is {@link MonteCarloVar#simulatePortfolio}.
 */
public final class PortfolioVar {

    private PortfolioVar() {}

    /** {@code max(0, z sqrt(h x^T Sigma x) - h x^T m)}. */
    public static double parametric(
            double[] exposures, double[] means, double[][] cov, double z, int horizonBars) {
        int d = exposures.length;
        if (means.length != d || cov.length != d) {
            throw new IllegalArgumentException("exposures, means and covariance differ in size");
        }
        double variance = 0;
        double mean = 0;
        for (int i = 0; i < d; i++) {
            mean += exposures[i] * means[i];
            for (int j = 0; j < d; j++) {
                variance += exposures[i] * cov[i][j] * exposures[j];
            }
        }
        double h = horizonBars;
        return Math.max(0.0, z * Math.sqrt(Math.max(0.0, h * variance)) - h * mean);
    }
}
