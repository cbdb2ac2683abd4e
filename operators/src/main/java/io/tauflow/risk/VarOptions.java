package io.tauflow.risk;

import io.tauflow.risk.var.RegimeTable;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The VaR windows' options ({@code tauflow.var.*}), read by {@link VarConfig#from}; docs/RISK.md.
 */
public final class VarOptions {

    private VarOptions() {}

    public static final ConfigOption<Duration> WINDOW =
            ConfigOptions.key("tauflow.var.window")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(60))
                    .withDeprecatedKeys("tauflow.risk.var-window")
                    .withDescription(
                            "Length of the per-symbol VaR window and of the account's portfolio"
                                    + " window (event time).");

    public static final ConfigOption<Duration> SLIDE =
            ConfigOptions.key("tauflow.var.slide")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(5))
                    .withDeprecatedKeys("tauflow.risk.var-slide")
                    .withDescription("How often a VaR window closes.");

    public static final ConfigOption<Integer> MIN_RETURNS =
            ConfigOptions.key("tauflow.var.min-returns")
                    .intType()
                    .defaultValue(20)
                    .withDeprecatedKeys("tauflow.risk.var-min-returns")
                    .withDescription(
                            "Windows with fewer returns emit no estimate; portfolio windows"
                                    + " need as many bars common to all the account's symbols.");

    public static final ConfigOption<Integer> MC_LEVEL =
            ConfigOptions.key("tauflow.var.mc-level")
                    .intType()
                    .defaultValue(1)
                    .withDescription(
                            "Monte Carlo level: 1 GBM, 2 regime-conditioned, 4 correlated with calm/stress switching, 5 plus Student-t shocks and jumps (3 is not implemented).");

    public static final ConfigOption<Integer> MC_PATHS =
            ConfigOptions.key("tauflow.var.mc-paths")
                    .intType()
                    .defaultValue(1_000)
                    .withDescription("Monte Carlo paths per window, 100..10000000.");

    public static final ConfigOption<Integer> MC_STEPS =
            ConfigOptions.key("tauflow.var.mc-steps")
                    .intType()
                    .defaultValue(50)
                    .withDescription(
                            "Bars per Monte Carlo path: the horizon of the MC VaR, 1..100000.");

    public static final ConfigOption<Long> SEED =
            ConfigOptions.key("tauflow.var.seed")
                    .longType()
                    .defaultValue(7L)
                    .withDescription(
                            "Configured part of the Monte Carlo seed, mixed with the symbol and the window end; same seed and input, same figures.");

    public static final ConfigOption<String> REGIME_TABLE =
            ConfigOptions.key("tauflow.var.regime-table")
                    .stringType()
                    .defaultValue(RegimeTable.DEFAULT_SPEC)
                    .withDescription(
                            "Level 2+: REGIME:driftMultiplier:volMultiplier entries, comma separated; regimes left out are neutral (1:1).");

    public static final ConfigOption<Double> CALM_TO_STRESS =
            ConfigOptions.key("tauflow.var.markov.calm-to-stress")
                    .doubleType()
                    .defaultValue(0.02)
                    .withDescription(
                            "Level 4+: probability per bar of moving from calm to stress.");

    public static final ConfigOption<Double> STRESS_TO_CALM =
            ConfigOptions.key("tauflow.var.markov.stress-to-calm")
                    .doubleType()
                    .defaultValue(0.10)
                    .withDescription(
                            "Level 4+: probability per bar of moving from stress to calm.");

    public static final ConfigOption<Double> STRESS_VOL_MULTIPLIER =
            ConfigOptions.key("tauflow.var.markov.stress-vol-multiplier")
                    .doubleType()
                    .defaultValue(2.0)
                    .withDescription("Level 4+: volatility multiplier while in stress, > 0.");

    public static final ConfigOption<Double> STUDENT_DOF =
            ConfigOptions.key("tauflow.var.student-t-dof")
                    .doubleType()
                    .defaultValue(5.0)
                    .withDescription(
                            "Level 5: degrees of freedom of the Student-t shocks (scaled to unit variance), > 2.");

    public static final ConfigOption<Double> JUMP_INTENSITY =
            ConfigOptions.key("tauflow.var.jump.intensity")
                    .doubleType()
                    .defaultValue(0.002)
                    .withDescription(
                            "Level 5: expected jumps per bar (Poisson), 0..1; 0 disables jumps.");

    public static final ConfigOption<Double> JUMP_MEAN =
            ConfigOptions.key("tauflow.var.jump.mean")
                    .doubleType()
                    .defaultValue(-5.0)
                    .withDescription("Level 5: mean jump log-size in units of the bar volatility.");

    public static final ConfigOption<Double> JUMP_STD =
            ConfigOptions.key("tauflow.var.jump.std")
                    .doubleType()
                    .defaultValue(2.0)
                    .withDescription(
                            "Level 5: standard deviation of the jump log-size in bar volatilities, >= 0.");

    public static final ConfigOption<Double> RISK_VAR99_LIMIT =
            ConfigOptions.key("tauflow.var.risk-level.var99-limit")
                    .doubleType()
                    .defaultValue(0.01)
                    .withDescription(
                            "One-bar VaR99 (fraction of position value) that scores 10 in the risk score.");

    public static final ConfigOption<Double> RISK_VOL_LIMIT =
            ConfigOptions.key("tauflow.var.risk-level.volatility-limit")
                    .doubleType()
                    .defaultValue(1.0)
                    .withDescription("Annualised volatility that scores 10 in the risk score.");

    public static final ConfigOption<List<Double>> RISK_THRESHOLDS =
            ConfigOptions.key("tauflow.var.risk-level.thresholds")
                    .doubleType()
                    .asList()
                    .defaultValues(3.0, 5.0, 7.0)
                    .withDescription(
                            "Scores (0..10) from which the level is MEDIUM, HIGH and CRITICAL: medium;high;critical.");

    public static final ConfigOption<Duration> TRADING_TIME_PER_YEAR =
            ConfigOptions.key("tauflow.var.trading-time-per-year")
                    .durationType()
                    .noDefaultValue()
                    .withDescription(
                            "Trading time in a year, for annualising volatility (periods per year = this / bar length). Unset: from tauflow.metrics.calendar (US_EQUITIES 252 x 6.5 h = 1638 h, CRYPTO 365 d).");
}
