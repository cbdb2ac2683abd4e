package io.tauflow.risk;

import io.tauflow.risk.var.MonteCarloVar;
import io.tauflow.risk.var.ParametricVar;
import io.tauflow.risk.var.RiskLevel;
import io.tauflow.risk.var.SeededRandom;
import io.tauflow.risk.var.TailRisk;
import io.tauflow.schema.Regime;

/**
 * Every risk figure of one symbol's window of one-bar log returns, as one {@link VarEstimate}:
 * historical VaR/CVaR ({@link HistoricalVar}), parametric normal VaR and annualised volatility
 * ({@link ParametricVar}), Monte Carlo VaR/CVaR ({@link MonteCarloVar}, seeded from the symbol, the
 * window end and the configured seed) and the risk score and level ({@link
 * io.tauflow.risk.var.RiskScore}). Shared by the Flink window function and {@code bin/tauflow
 * risk}, so both give the same numbers. Holds the Monte Carlo engine's buffers: not thread-safe.
 */
public final class VarWindow {

    /** Bar length assumed when the returns neither declare one nor show a gap. */
    public static final long FALLBACK_INTERVAL_MS = 60_000L;

    private final VarConfig config;
    private final MonteCarloVar engine;
    private final TailRisk tail = new TailRisk();

    public VarWindow(VarConfig config) {
        this.config = config;
        this.engine = new MonteCarloVar(config.monteCarlo());
    }

    public VarConfig config() {
        return config;
    }

    /**
     * @param returns the window's one-bar log returns, in time order (not modified); at least one
     * @param barIntervalMs the bar length, for annualising the volatility
     * @param regime the symbol's regime at the window end (Monte Carlo level 2+), or null
     */
    public VarEstimate estimate(
            String symbol, long windowEndMs, double[] returns, long barIntervalMs, Regime regime) {
        VarEstimate v = new VarEstimate();
        v.symbol = symbol;
        v.windowEndMs = windowEndMs;
        HistoricalVar.estimate(returns, v);
        v.meanReturn = ParametricVar.mean(returns);
        v.parametricVar95 = ParametricVar.var(v.meanReturn, v.volatility, ParametricVar.Z95);
        v.parametricVar99 = ParametricVar.var(v.meanReturn, v.volatility, ParametricVar.Z99);
        v.parametricCvar95 = ParametricVar.cvar(v.meanReturn, v.volatility, ParametricVar.ES95);
        v.parametricCvar99 = ParametricVar.cvar(v.meanReturn, v.volatility, ParametricVar.ES99);
        v.barIntervalMs = barIntervalMs;
        v.annualisedVolatility =
                ParametricVar.annualisedVolatility(
                        v.volatility, barIntervalMs, config.tradingTimePerYearMs());
        v.regime = regime == null ? null : regime.name();

        long seed = SeededRandom.seedFor(symbol, windowEndMs, config.monteCarlo().seed());
        engine.simulate(v.meanReturn, v.volatility, regime, seed, tail);
        v.mcLevel = config.monteCarlo().level();
        v.mcPaths = config.monteCarlo().paths();
        v.mcSteps = config.monteCarlo().steps();
        v.mcVar95 = tail.var95;
        v.mcVar99 = tail.var99;
        v.mcCvar95 = tail.cvar95;
        v.mcCvar99 = tail.cvar99;

        double tailVar99 =
                Math.max(Math.max(v.var99, v.parametricVar99), v.mcVar99 / Math.sqrt(v.mcSteps));
        v.riskScore = config.riskScore().score(tailVar99, v.annualisedVolatility);
        RiskLevel level = config.riskScore().level(v.riskScore);
        v.riskLevel = level.name();
        return v;
    }

    /**
     * The bar length of a window: {@code declaredMs} if positive, otherwise the smallest positive
     * gap between the (sorted) event times, otherwise {@code fallbackMs}.
     */
    public static long barInterval(long declaredMs, long[] sortedTimesMs, long fallbackMs) {
        if (declaredMs > 0) {
            return declaredMs;
        }
        long best = Long.MAX_VALUE;
        for (int i = 1; i < sortedTimesMs.length; i++) {
            long gap = sortedTimesMs[i] - sortedTimesMs[i - 1];
            if (gap > 0 && gap < best) {
                best = gap;
            }
        }
        return best == Long.MAX_VALUE ? fallbackMs : best;
    }
}
