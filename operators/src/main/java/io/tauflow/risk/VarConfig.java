package io.tauflow.risk;

import io.tauflow.agent.TradingCalendar;
import io.tauflow.risk.var.MonteCarloConfig;
import io.tauflow.risk.var.RiskScore;
import java.io.Serializable;

/**
 * Settings of the per-window risk figures beyond historical VaR: the Monte Carlo engine, the risk
 * score and how long a year of trading is (for annualising volatility).
 *
 * @param monteCarlo level, paths x steps, seed and model parameters
 * @param riskScore limits and thresholds of the risk level
 * @param tradingTimePerYearMs trading time in a year: 365 days for round-the-clock markets, 252 x
 *     6.5 h for US equities in regular hours
 */
public record VarConfig(MonteCarloConfig monteCarlo, RiskScore riskScore, long tradingTimePerYearMs)
        implements Serializable {

    /**
     * The default, US equities in regular hours (252 x 6.5 h), as the job's default calendar
     * ({@code tauflow.metrics.calendar}).
     */
    public static final long DEFAULT_TRADING_TIME_PER_YEAR_MS =
            TradingCalendar.US_EQUITIES.tradingTimePerYearMs();

    public VarConfig {
        if (monteCarlo == null || riskScore == null) {
            throw new IllegalArgumentException("Monte Carlo and risk score settings are required");
        }
        if (tradingTimePerYearMs <= 0) {
            throw new IllegalArgumentException(
                    "trading time per year must be positive, got " + tradingTimePerYearMs + " ms");
        }
    }

    public static VarConfig defaults() {
        return new VarConfig(
                MonteCarloConfig.defaults(),
                RiskScore.defaults(),
                DEFAULT_TRADING_TIME_PER_YEAR_MS);
    }
}
