package io.tauflow.risk;

import io.tauflow.config.OptionReader;
import io.tauflow.risk.var.RiskLevel;
import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import org.apache.flink.configuration.ReadableConfig;

/**
 * How the risk gate uses the risk figures: which one its VaR budget checks, from which risk level
 * it rejects openings, how old an estimate may be, and the windows and models the figures come
 * from. docs/RISK.md, "Risk figures in the gate".
 *
 * @param measure the figure the VaR budget checks
 * @param rejectLevel openings are rejected while the order's symbol or the account is at this level
 *     or above; null: never
 * @param maxEstimateAgeMs an opening needs a per-symbol estimate of its symbol whose window ended
 *     at most this long before the order (event time)
 * @param failOpen openings pass without an estimate or with a stale one (the VaR budget then counts
 *     the symbol's missing figure as 0, as before this rule)
 * @param windows the windows of returns (shared with the per-symbol estimates)
 * @param var the Monte Carlo engine, risk score and trading year
 */
public record RiskModel(
        VarMeasure measure,
        RiskLevel rejectLevel,
        long maxEstimateAgeMs,
        boolean failOpen,
        VarWindows windows,
        VarConfig var)
        implements Serializable {

    public RiskModel {
        if (measure == null || windows == null || var == null) {
            throw new IllegalArgumentException("measure, windows and models are required");
        }
        if (rejectLevel == RiskLevel.LOW) {
            throw new IllegalArgumentException(
                    RiskOptions.REJECT_RISK_LEVEL.key()
                            + " LOW would reject every opening: use MEDIUM, HIGH, CRITICAL or"
                            + " NONE");
        }
        if (maxEstimateAgeMs < windows.slide().toMillis()) {
            throw new IllegalArgumentException(
                    RiskOptions.MAX_ESTIMATE_AGE.key()
                            + " ("
                            + Duration.ofMillis(maxEstimateAgeMs)
                            + ") must be at least "
                            + VarOptions.SLIDE.key()
                            + " ("
                            + windows.slide()
                            + "): estimates are only renewed that often");
        }
    }

    /** The options' defaults. */
    public static RiskModel defaults() {
        return new RiskModel(
                VarMeasure.DEFAULT,
                RiskLevel.CRITICAL,
                RiskOptions.MAX_ESTIMATE_AGE.defaultValue().toMillis(),
                false,
                new VarWindows(
                        VarOptions.WINDOW.defaultValue(),
                        VarOptions.SLIDE.defaultValue(),
                        VarOptions.MIN_RETURNS.defaultValue()),
                VarConfig.defaults());
    }

    /** These settings, failing open (for tests and checks of other controls). */
    public RiskModel failingOpen() {
        return new RiskModel(measure, rejectLevel, maxEstimateAgeMs, true, windows, var);
    }

    /** These settings with another measure. */
    public RiskModel withMeasure(VarMeasure m) {
        return new RiskModel(m, rejectLevel, maxEstimateAgeMs, failOpen, windows, var);
    }

    /** These settings with another reject level (null: never). */
    public RiskModel withRejectLevel(RiskLevel level) {
        return new RiskModel(measure, level, maxEstimateAgeMs, failOpen, windows, var);
    }

    /** These settings with another maximum estimate age. */
    public RiskModel withMaxEstimateAgeMs(long ms) {
        return new RiskModel(measure, rejectLevel, ms, failOpen, windows, var);
    }

    /** The {@code tauflow.risk.var-measure}, {@code reject-risk-level}, ... options. */
    public static RiskModel from(ReadableConfig conf, VarWindows windows, VarConfig var) {
        String level = OptionReader.get(conf, RiskOptions.REJECT_RISK_LEVEL).trim();
        RiskLevel reject =
                OptionReader.attempt(
                        RiskOptions.REJECT_RISK_LEVEL,
                        () -> {
                            if (level.equalsIgnoreCase("NONE")) {
                                return null;
                            }
                            try {
                                return RiskLevel.valueOf(level.toUpperCase(Locale.ROOT));
                            } catch (IllegalArgumentException e) {
                                throw new IllegalArgumentException(
                                        "'" + level + "' is not NONE, MEDIUM, HIGH or CRITICAL");
                            }
                        });
        long maxAge = OptionReader.positive(conf, RiskOptions.MAX_ESTIMATE_AGE).toMillis();
        return OptionReader.attempt(
                RiskOptions.MAX_ESTIMATE_AGE,
                () ->
                        new RiskModel(
                                OptionReader.get(conf, RiskOptions.VAR_MEASURE),
                                reject,
                                maxAge,
                                OptionReader.get(conf, RiskOptions.FAIL_OPEN),
                                windows,
                                var));
    }
}
