package io.tauflow.risk;

import io.tauflow.schema.RiskEstimate;
import io.tauflow.schema.RiskLevelCode;
import io.tauflow.schema.RiskScope;

/** The {@link RiskEstimate} records of the {@code risk.estimates} topic. */
public final class RiskEstimates {

    private RiskEstimates() {}

    /** A symbol's estimate, published under the account that trades it. */
    public static RiskEstimate symbol(VarEstimate v, String account) {
        return RiskEstimate.newBuilder()
                .setScope(RiskScope.SYMBOL)
                .setAccount(account)
                .setSymbol(v.symbol)
                .setWindowEndMs(v.windowEndMs)
                .setObservations(v.returns)
                .setGrossExposure(0.0)
                .setDiversified(false)
                .setHistoricalVar95(v.var95)
                .setHistoricalVar99(v.var99)
                .setHistoricalCvar95(v.cvar95)
                .setHistoricalCvar99(v.cvar99)
                .setParametricVar95(v.parametricVar95)
                .setParametricVar99(v.parametricVar99)
                .setParametricCvar95(v.parametricCvar95)
                .setParametricCvar99(v.parametricCvar99)
                .setMonteCarloVar95(v.mcVar95)
                .setMonteCarloVar99(v.mcVar99)
                .setMonteCarloCvar95(v.mcCvar95)
                .setMonteCarloCvar99(v.mcCvar99)
                .setHorizonBars(v.mcSteps)
                .setMcLevel(v.mcLevel)
                .setMcPaths(v.mcPaths)
                .setVolatility(v.volatility)
                .setAnnualisedVolatility(v.annualisedVolatility)
                .setBarIntervalMs(v.barIntervalMs)
                .setRiskScore(v.riskScore)
                .setRiskLevel(RiskLevelCode.valueOf(v.riskLevel))
                .setRegime(v.regime)
                .build();
    }

    /**
     * An account's estimate of its current book.
     *
     * @param figures every figure, indexed by {@link VarMeasure#ordinal()}, in currency
     */
    public static RiskEstimate account(
            String account,
            long windowEndMs,
            int observations,
            double grossExposure,
            boolean diversified,
            double[] figures,
            double volatility,
            double annualisedVolatility,
            long barIntervalMs,
            VarConfig config,
            double score,
            io.tauflow.risk.var.RiskLevel level) {
        return RiskEstimate.newBuilder()
                .setScope(RiskScope.ACCOUNT)
                .setAccount(account)
                .setSymbol(null)
                .setWindowEndMs(windowEndMs)
                .setObservations(observations)
                .setGrossExposure(grossExposure)
                .setDiversified(diversified)
                .setHistoricalVar95(figures[VarMeasure.HISTORICAL_VAR_95.ordinal()])
                .setHistoricalVar99(figures[VarMeasure.HISTORICAL_VAR_99.ordinal()])
                .setHistoricalCvar95(figures[VarMeasure.HISTORICAL_CVAR_95.ordinal()])
                .setHistoricalCvar99(figures[VarMeasure.HISTORICAL_CVAR_99.ordinal()])
                .setParametricVar95(figures[VarMeasure.PARAMETRIC_VAR_95.ordinal()])
                .setParametricVar99(figures[VarMeasure.PARAMETRIC_VAR_99.ordinal()])
                .setParametricCvar95(figures[VarMeasure.PARAMETRIC_CVAR_95.ordinal()])
                .setParametricCvar99(figures[VarMeasure.PARAMETRIC_CVAR_99.ordinal()])
                .setMonteCarloVar95(figures[VarMeasure.MONTE_CARLO_VAR_95.ordinal()])
                .setMonteCarloVar99(figures[VarMeasure.MONTE_CARLO_VAR_99.ordinal()])
                .setMonteCarloCvar95(figures[VarMeasure.MONTE_CARLO_CVAR_95.ordinal()])
                .setMonteCarloCvar99(figures[VarMeasure.MONTE_CARLO_CVAR_99.ordinal()])
                .setHorizonBars(config.monteCarlo().steps())
                .setMcLevel(config.monteCarlo().level())
                .setMcPaths(config.monteCarlo().paths())
                .setVolatility(volatility)
                .setAnnualisedVolatility(annualisedVolatility)
                .setBarIntervalMs(barIntervalMs)
                .setRiskScore(score)
                .setRiskLevel(RiskLevelCode.valueOf(level.name()))
                .setRegime(null)
                .build();
    }
}
