package io.tauflow.risk;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The risk gate's limits ({@code tauflow.risk.*}), read by {@link RiskLimits#from}; docs/RISK.md.
 */
public final class RiskOptions {

    private RiskOptions() {}

    public static final ConfigOption<Double> MAX_ORDER_QUANTITY =
            ConfigOptions.key("tauflow.risk.max-order-quantity")
                    .doubleType()
                    .defaultValue(10_000.0)
                    .withDescription("Risk gate: largest quantity of one opening order; > 0.");

    public static final ConfigOption<Double> MAX_ORDER_NOTIONAL =
            ConfigOptions.key("tauflow.risk.max-order-notional")
                    .doubleType()
                    .defaultValue(1_000.0)
                    .withDescription("Risk gate: largest notional of one opening order; > 0.");

    public static final ConfigOption<Double> PRICE_COLLAR =
            ConfigOptions.key("tauflow.risk.price-collar")
                    .doubleType()
                    .defaultValue(0.05)
                    .withDescription(
                            "Risk gate: largest |order price / reference - 1| of any order, the reference being the median of the symbol's latest collar-reference-bars closes; > 0.");

    public static final ConfigOption<Integer> COLLAR_REFERENCE_BARS =
            ConfigOptions.key("tauflow.risk.collar-reference-bars")
                    .intType()
                    .defaultValue(5)
                    .withDescription(
                            "Risk gate: how many of a symbol's latest closes the price collar's reference is the median of; from 3 on one bad bar cannot move it. 1..100.");

    public static final ConfigOption<Double> POSITION_CAP_MULTIPLE =
            ConfigOptions.key("tauflow.risk.position-cap-multiple")
                    .doubleType()
                    .defaultValue(3.0)
                    .withDescription(
                            "Risk gate: a symbol's position notional after an opening order is at most this x tauflow.sizing.base-notional; > 0.");

    public static final ConfigOption<Double> MAX_GROSS_EXPOSURE =
            ConfigOptions.key("tauflow.risk.max-gross-exposure")
                    .doubleType()
                    .defaultValue(5_000.0)
                    .withDescription(
                            "Risk gate: sum of |position values| of an account after an opening order; > 0.");

    public static final ConfigOption<Double> MAX_NET_EXPOSURE =
            ConfigOptions.key("tauflow.risk.max-net-exposure")
                    .doubleType()
                    .defaultValue(5_000.0)
                    .withDescription(
                            "Risk gate: |sum of signed position values| of an account after an opening order; > 0.");

    public static final ConfigOption<Double> VAR_BUDGET =
            ConfigOptions.key("tauflow.risk.var-budget")
                    .doubleType()
                    .defaultValue(10.0)
                    .withDescription(
                            "Risk gate: largest account VaR (tauflow.risk.var-measure, in currency) after an opening order: of the joint returns of the positions when the latest window has enough bars common to them, else the sum of value x each symbol's figure; > 0.");

    public static final ConfigOption<VarMeasure> VAR_MEASURE =
            ConfigOptions.key("tauflow.risk.var-measure")
                    .enumType(VarMeasure.class)
                    .defaultValue(VarMeasure.DEFAULT)
                    .withDescription(
                            "Risk gate: the figure the VaR budget checks: HISTORICAL, PARAMETRIC or MONTE_CARLO, VAR or CVAR, at 95 or 99 (e.g. PARAMETRIC_CVAR_95). Historical and parametric figures cover one bar, Monte Carlo ones tauflow.var.mc-steps bars.");

    public static final ConfigOption<String> REJECT_RISK_LEVEL =
            ConfigOptions.key("tauflow.risk.reject-risk-level")
                    .stringType()
                    .defaultValue("CRITICAL")
                    .withDescription(
                            "Risk gate: openings are rejected (RISK_LEVEL) while the order's symbol or its account is at this risk level or above: MEDIUM, HIGH, CRITICAL, or NONE to never reject on the level. Exits always pass.");

    public static final ConfigOption<Duration> MAX_ESTIMATE_AGE =
            ConfigOptions.key("tauflow.risk.max-estimate-age")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(15))
                    .withDescription(
                            "Risk gate: an opening is rejected (STALE_RISK_ESTIMATE) when its symbol's latest risk estimate ended longer ago than this (event time), and (NO_RISK_ESTIMATE) before the first; at least tauflow.var.slide.");

    public static final ConfigOption<Boolean> FAIL_OPEN =
            ConfigOptions.key("tauflow.risk.fail-open")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Risk gate: let openings pass without a risk estimate or with a stale one (a missing figure then counts as 0 in the VaR budget).");

    public static final ConfigOption<Double> DAILY_LOSS_LIMIT =
            ConfigOptions.key("tauflow.risk.daily-loss-limit")
                    .doubleType()
                    .defaultValue(500.0)
                    .withDescription(
                            "Risk gate: realised loss of one agent (symbol) in one day, a positive amount, that pauses its opening until the next day.");

    public static final ConfigOption<String> DAY_ZONE =
            ConfigOptions.key("tauflow.risk.day-zone")
                    .stringType()
                    .defaultValue("UTC")
                    .withDescription(
                            "Risk gate: where the loss day starts, in event time; a zone id (Europe/London) or offset (+02:00).");

    public static final ConfigOption<Double> MAX_DRAWDOWN =
            ConfigOptions.key("tauflow.risk.max-drawdown")
                    .doubleType()
                    .defaultValue(0.15)
                    .withDescription(
                            "Risk gate: fall of account equity from its peak (fraction, (0,1]) at which opening stops.");

    public static final ConfigOption<Integer> THROTTLE_ORDERS =
            ConfigOptions.key("tauflow.risk.throttle-orders")
                    .intType()
                    .defaultValue(10)
                    .withDescription(
                            "Risk gate: most orders an account may send per throttle-window (event time); >= 1.");

    public static final ConfigOption<Duration> THROTTLE_WINDOW =
            ConfigOptions.key("tauflow.risk.throttle-window")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDescription("Risk gate: the throttle's rolling window; >= 1 ms.");

    public static final ConfigOption<Integer> DUPLICATE_MEMORY =
            ConfigOptions.key("tauflow.risk.duplicate-memory")
                    .intType()
                    .defaultValue(256)
                    .withDescription(
                            "Risk gate: how many of an account's latest client order ids are remembered to reject duplicates; >= 1.");

    public static final ConfigOption<Double> STARTING_CAPITAL =
            ConfigOptions.key("tauflow.risk.starting-capital")
                    .doubleType()
                    .defaultValue(10_000.0)
                    .withDescription("Risk gate: each account's equity before any trade; > 0.");

    public static final ConfigOption<Double> MARGIN_RATE =
            ConfigOptions.key("tauflow.risk.margin-rate")
                    .doubleType()
                    .defaultValue(0.10)
                    .withDescription(
                            "Risk gate: margin required per unit of gross exposure, (0,1] (0.1 = 10x leverage).");

    public static final ConfigOption<Double> MARGIN_GUARD =
            ConfigOptions.key("tauflow.risk.margin-guard")
                    .doubleType()
                    .defaultValue(0.05)
                    .withDescription(
                            "Risk gate: smallest free-margin ratio (equity - required margin) / equity an opening order may leave; [0,1).");

    public static final ConfigOption<Boolean> LIQUIDATE_BELOW_GUARD =
            ConfigOptions.key("tauflow.risk.liquidate-below-guard")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Risk gate: close every position of an account whose free-margin ratio falls below the guard on a price tick.");

    public static final ConfigOption<Boolean> KILL_SWITCH_ALLOWS_CLOSING =
            ConfigOptions.key("tauflow.risk.kill-switch-allows-closing")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Risk gate: whether closing orders pass an active kill switch.");
}
