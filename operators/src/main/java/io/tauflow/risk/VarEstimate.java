package io.tauflow.risk;

import java.util.Objects;

/**
 * Risk of one symbol over one window of one-bar log returns. A POJO.
 *
 * <p>{@link #var95}, {@link #var99}, {@link #cvar95}, {@link #cvar99} and {@link #volatility} are
 * historical, over one bar: losses as positive fractions of position value (log returns), see
 * {@link HistoricalVar}. The risk gate reads the figure its VaR measure names ({@link VarMeasure}).
 * The parametric figures are one-bar too; the Monte Carlo ones ({@code mc*}) cover a horizon of
 * {@link #mcSteps} bars and are loss fractions of a long position's value ({@code 1 - S_T/S_0}).
 * See docs/RISK.md.
 */
public class VarEstimate {
    public String symbol;

    /** Last millisecond of the window: the estimate's event time. */
    public long windowEndMs;

    public int returns;
    public double var95;
    public double var99;
    public double cvar95;
    public double cvar99;

    /** Sample standard deviation of the window's one-bar log returns. */
    public double volatility;

    /** Mean of the window's one-bar log returns. */
    public double meanReturn;

    /** One-bar normal VaR: max(0, z s - m), z = 1.645 / 2.326. */
    public double parametricVar95;

    public double parametricVar99;

    /** One-bar normal CVaR (expected shortfall): max(0, s phi(z) / (1 - p) - m). */
    public double parametricCvar95;

    public double parametricCvar99;

    /** Bar length the volatility was annualised with. */
    public long barIntervalMs;

    /** {@link #volatility} x sqrt(trading time per year / bar length). */
    public double annualisedVolatility;

    /** Regime the Monte Carlo simulation was conditioned on (level 2+), null if none was known. */
    public String regime;

    /** Monte Carlo level (1, 2, 4 or 5), paths and steps (the horizon in bars). */
    public int mcLevel;

    public int mcPaths;
    public int mcSteps;

    /** Monte Carlo VaR/CVaR over {@link #mcSteps} bars, loss fractions. */
    public double mcVar95;

    public double mcVar99;
    public double mcCvar95;
    public double mcCvar99;

    /** Risk score 0..10, see {@link io.tauflow.risk.var.RiskScore}. */
    public double riskScore;

    /** LOW, MEDIUM, HIGH or CRITICAL ({@link io.tauflow.risk.var.RiskLevel} by name). */
    public String riskLevel;

    public VarEstimate() {}

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VarEstimate)) {
            return false;
        }
        VarEstimate v = (VarEstimate) o;
        return windowEndMs == v.windowEndMs
                && returns == v.returns
                && Objects.equals(symbol, v.symbol)
                && var95 == v.var95
                && var99 == v.var99
                && cvar95 == v.cvar95
                && cvar99 == v.cvar99
                && volatility == v.volatility
                && meanReturn == v.meanReturn
                && parametricVar95 == v.parametricVar95
                && parametricVar99 == v.parametricVar99
                && parametricCvar95 == v.parametricCvar95
                && parametricCvar99 == v.parametricCvar99
                && barIntervalMs == v.barIntervalMs
                && annualisedVolatility == v.annualisedVolatility
                && Objects.equals(regime, v.regime)
                && mcLevel == v.mcLevel
                && mcPaths == v.mcPaths
                && mcSteps == v.mcSteps
                && mcVar95 == v.mcVar95
                && mcVar99 == v.mcVar99
                && mcCvar95 == v.mcCvar95
                && mcCvar99 == v.mcCvar99
                && riskScore == v.riskScore
                && Objects.equals(riskLevel, v.riskLevel);
    }

    @Override
    public int hashCode() {
        return Objects.hash(symbol, windowEndMs);
    }

    @Override
    public String toString() {
        return String.format(
                "%s@%d n=%d VaR95=%.5f VaR99=%.5f CVaR95=%.5f CVaR99=%.5f vol=%.5f"
                        + " pVaR99=%.5f annVol=%.3f mc(L%d %dx%d) VaR99=%.5f CVaR99=%.5f risk=%s"
                        + " (%.1f)",
                symbol,
                windowEndMs,
                returns,
                var95,
                var99,
                cvar95,
                cvar99,
                volatility,
                parametricVar99,
                annualisedVolatility,
                mcLevel,
                mcPaths,
                mcSteps,
                mcVar99,
                mcCvar99,
                riskLevel,
                riskScore);
    }
}
