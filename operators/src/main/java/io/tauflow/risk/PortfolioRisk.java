package io.tauflow.risk;

import io.tauflow.risk.var.PortfolioVar;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The return statistics of one account's symbols over one window, from which the holder of the
 * account's positions (the risk gate) computes portfolio VaR for its current exposures, plus the
 * Monte Carlo VaR of an equally weighted long book of those symbols. A POJO.
 *
 * <p>Only bars in which every symbol has a return are used (the timestamps common to all), so the
 * covariance matrix is a proper sample covariance (positive semi-definite).
 */
public class PortfolioRisk {
    public String account;

    /** Last millisecond of the window: the estimate's event time. */
    public long windowEndMs;

    /** The account's symbols in the window, sorted. */
    public String[] symbols;

    /** Aligned bars used. */
    public int observations;

    /** Mean one-bar log return per symbol, in {@link #symbols} order. */
    public double[] means;

    /** Sample covariance of the one-bar log returns, row-major d x d. */
    public double[] covariance;

    /** Monte Carlo level, paths and steps (the horizon in bars). */
    public int mcLevel;

    public int mcPaths;
    public int mcSteps;

    /**
     * Monte Carlo VaR/CVaR of a long book holding 1/d of its value in each symbol, as loss
     * fractions over {@link #mcSteps} bars.
     */
    public double mcVar95;

    public double mcVar99;
    public double mcCvar95;
    public double mcCvar99;

    /** Jitter the Cholesky factorisation needed; true if it fell back to no correlations. */
    public double choleskyJitter;

    public boolean correlationsDropped;

    public PortfolioRisk() {}

    /** The covariance as a d x d matrix. */
    public double[][] covarianceMatrix() {
        int d = symbols.length;
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(covariance, i * d, m[i], 0, d);
        }
        return m;
    }

    /**
     * Parametric portfolio VaR of {@code exposures} (value per symbol, negative for short) over
     * {@code horizonBars} bars at normal quantile {@code z}: see {@link PortfolioVar#parametric}.
     * Symbols of this window without an exposure count as 0.
     *
     * @throws IllegalArgumentException if an exposed symbol has no returns in this window (its risk
     *     would be silently left out)
     */
    public double parametricVar(Map<String, Double> exposures, double z, int horizonBars) {
        double[] x = new double[symbols.length];
        for (Map.Entry<String, Double> e : exposures.entrySet()) {
            int i = Arrays.binarySearch(symbols, e.getKey());
            if (i < 0) {
                if (e.getValue() != 0.0) {
                    throw new IllegalArgumentException(
                            "no returns of "
                                    + e.getKey()
                                    + " in the window of account "
                                    + account
                                    + "; symbols: "
                                    + Arrays.toString(symbols));
                }
                continue;
            }
            x[i] = e.getValue();
        }
        return PortfolioVar.parametric(x, means, covarianceMatrix(), z, horizonBars);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PortfolioRisk)) {
            return false;
        }
        PortfolioRisk p = (PortfolioRisk) o;
        return windowEndMs == p.windowEndMs
                && observations == p.observations
                && Objects.equals(account, p.account)
                && Arrays.equals(symbols, p.symbols)
                && Arrays.equals(means, p.means)
                && Arrays.equals(covariance, p.covariance)
                && mcLevel == p.mcLevel
                && mcPaths == p.mcPaths
                && mcSteps == p.mcSteps
                && mcVar95 == p.mcVar95
                && mcVar99 == p.mcVar99
                && mcCvar95 == p.mcCvar95
                && mcCvar99 == p.mcCvar99
                && choleskyJitter == p.choleskyJitter
                && correlationsDropped == p.correlationsDropped;
    }

    @Override
    public int hashCode() {
        return Objects.hash(account, windowEndMs);
    }

    @Override
    public String toString() {
        return String.format(
                "%s@%d %s n=%d mc(L%d %dx%d) VaR99=%.5f CVaR99=%.5f",
                account,
                windowEndMs,
                Arrays.toString(symbols),
                observations,
                mcLevel,
                mcPaths,
                mcSteps,
                mcVar99,
                mcCvar99);
    }
}
