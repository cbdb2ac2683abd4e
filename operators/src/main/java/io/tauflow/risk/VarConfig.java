package io.tauflow.risk;

import io.tauflow.agent.TradingCalendar;
import io.tauflow.config.OptionReader;
import io.tauflow.risk.var.MonteCarloConfig;
import io.tauflow.risk.var.RegimeTable;
import io.tauflow.risk.var.RiskScore;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.configuration.ReadableConfig;

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

    /** The {@code tauflow.var.*} model and risk-level options ({@link VarOptions}). */
    public static VarConfig from(ReadableConfig conf) {
        int level = OptionReader.get(conf, VarOptions.MC_LEVEL);
        if (level != 1 && level != 2 && level != 4 && level != 5) {
            throw new IllegalArgumentException(
                    "option "
                            + VarOptions.MC_LEVEL.key()
                            + " must be 1, 2, 4 or 5 (level 3 is not implemented), got "
                            + level);
        }
        int paths = OptionReader.range(conf, VarOptions.MC_PATHS, 100, 10_000_000);
        int steps = OptionReader.range(conf, VarOptions.MC_STEPS, 1, 100_000);
        RegimeTable regimes =
                OptionReader.attempt(
                        VarOptions.REGIME_TABLE,
                        () -> RegimeTable.parse(OptionReader.get(conf, VarOptions.REGIME_TABLE)));
        MonteCarloConfig mc =
                OptionReader.attempt(
                        VarOptions.MC_LEVEL,
                        () ->
                                new MonteCarloConfig(
                                        level,
                                        paths,
                                        steps,
                                        OptionReader.get(conf, VarOptions.SEED),
                                        regimes,
                                        OptionReader.get(conf, VarOptions.CALM_TO_STRESS),
                                        OptionReader.get(conf, VarOptions.STRESS_TO_CALM),
                                        OptionReader.get(conf, VarOptions.STRESS_VOL_MULTIPLIER),
                                        OptionReader.get(conf, VarOptions.STUDENT_DOF),
                                        OptionReader.get(conf, VarOptions.JUMP_INTENSITY),
                                        OptionReader.get(conf, VarOptions.JUMP_MEAN),
                                        OptionReader.get(conf, VarOptions.JUMP_STD)));
        List<Double> thresholds =
                OptionReader.list(
                        conf, VarOptions.RISK_THRESHOLDS, 3, "three scores medium, high, critical");
        RiskScore score =
                OptionReader.attempt(
                        VarOptions.RISK_VAR99_LIMIT,
                        () ->
                                new RiskScore(
                                        OptionReader.get(conf, VarOptions.RISK_VAR99_LIMIT),
                                        OptionReader.get(conf, VarOptions.RISK_VOL_LIMIT),
                                        thresholds.get(0),
                                        thresholds.get(1),
                                        thresholds.get(2)));
        long yearMs =
                conf.getOptional(VarOptions.TRADING_TIME_PER_YEAR).isPresent()
                        ? OptionReader.positive(conf, VarOptions.TRADING_TIME_PER_YEAR).toMillis()
                        : TradingCalendar.from(conf).tradingTimePerYearMs();
        return new VarConfig(mc, score, yearMs);
    }
}
