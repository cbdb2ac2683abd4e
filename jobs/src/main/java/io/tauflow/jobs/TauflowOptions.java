package io.tauflow.jobs;

import io.tauflow.risk.var.RegimeTable;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Every Tauflow setting, with its default. Set them in {@code flink-conf/config.yaml} (nested under
 * {@code tauflow:}) or on the command line as {@code --tauflow.x.y=value}; see
 * docs/CONFIGURATION.md.
 */
public final class TauflowOptions {

    private TauflowOptions() {}

    /** How the orders (and all other output) topics are written. */
    public enum Delivery {
        EXACTLY_ONCE,
        AT_LEAST_ONCE
    }

    /**
     * Where the sources start when the group has no committed offsets (or always, for
     * earliest/latest).
     */
    public enum StartingOffsets {
        COMMITTED_OR_EARLIEST,
        EARLIEST,
        LATEST
    }

    // Kafka
    public static final ConfigOption<String> BOOTSTRAP_SERVERS =
            ConfigOptions.key("tauflow.kafka.bootstrap-servers")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Kafka bootstrap servers, host:port[,host:port]. Required.");
    public static final ConfigOption<String> GROUP_ID =
            ConfigOptions.key("tauflow.kafka.group-id")
                    .stringType()
                    .defaultValue("tauflow")
                    .withDescription(
                            "Consumer group of the sources (offsets are committed on checkpoints).");
    public static final ConfigOption<StartingOffsets> STARTING_OFFSETS =
            ConfigOptions.key("tauflow.kafka.starting-offsets")
                    .enumType(StartingOffsets.class)
                    .defaultValue(StartingOffsets.COMMITTED_OR_EARLIEST)
                    .withDescription("Where the sources start.");
    public static final ConfigOption<Boolean> BOUNDED =
            ConfigOptions.key("tauflow.kafka.bounded")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Stop at the offsets that were latest when the job started (replay/backfill/demo).");
    public static final ConfigOption<Delivery> DELIVERY =
            ConfigOptions.key("tauflow.kafka.delivery-guarantee")
                    .enumType(Delivery.class)
                    .defaultValue(Delivery.EXACTLY_ONCE)
                    .withDescription(
                            "EXACTLY_ONCE writes every output topic in Kafka transactions committed on checkpoints; read them with isolation.level=read_committed.");
    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
            ConfigOptions.key("tauflow.kafka.transactional-id-prefix")
                    .stringType()
                    .defaultValue("tauflow")
                    .withDescription(
                            "Prefix of the sinks' transactional ids; unique per job on one cluster.");
    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT =
            ConfigOptions.key("tauflow.kafka.transaction-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "Producer transaction.timeout.ms; must not exceed the broker's transaction.max.timeout.ms (15 min by default).");

    // Topics
    public static final ConfigOption<String> TOPIC_CANDLES = topic("candles", "md.candles");
    public static final ConfigOption<String> TOPIC_SENTIMENT = topic("sentiment", "md.sentiment");
    public static final ConfigOption<String> TOPIC_ORDER_BOOK = topic("orderbook", "md.orderbook");
    public static final ConfigOption<String> TOPIC_CONTROL = topic("control", "ctl.commands");
    public static final ConfigOption<String> TOPIC_ORDERS = topic("orders", "trade.orders");
    public static final ConfigOption<String> TOPIC_REJECTIONS =
            topic("rejections", "trade.rejections");
    public static final ConfigOption<String> TOPIC_DECISIONS =
            topic("decisions", "trade.decisions");
    public static final ConfigOption<String> TOPIC_DEAD_LETTERS = topic("dlq", "dlq");

    // Event time
    public static final ConfigOption<Duration> OUT_OF_ORDERNESS =
            ConfigOptions.key("tauflow.watermark.out-of-orderness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription(
                            "How late (in event time) a record may arrive and still be used; later ones go to the dead-letter topic.");
    public static final ConfigOption<Duration> IDLENESS =
            ConfigOptions.key("tauflow.watermark.idleness")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription(
                            "A partition silent this long stops holding back the watermark.");

    // Features
    public static final ConfigOption<String> MOMENTUM_BARS =
            ConfigOptions.key("tauflow.features.momentum-bars")
                    .stringType()
                    .defaultValue("5,15,60")
                    .withDescription("Short, mid and long momentum horizons in bars.");
    public static final ConfigOption<Integer> RSI_PERIOD =
            ConfigOptions.key("tauflow.features.rsi-period")
                    .intType()
                    .defaultValue(14)
                    .withDescription("RSI period (Wilder smoothing).");
    public static final ConfigOption<Double> VOL_LAMBDA =
            ConfigOptions.key("tauflow.features.volatility-lambda")
                    .doubleType()
                    .defaultValue(0.94)
                    .withDescription("EWMA decay of squared returns.");
    public static final ConfigOption<Duration> SENTIMENT_HALF_LIFE =
            ConfigOptions.key("tauflow.features.sentiment-half-life")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(30))
                    .withDescription("Half-life of a sentiment reading.");

    // Agent
    public static final ConfigOption<Double> LEARNING_RATE =
            ConfigOptions.key("tauflow.agent.learning-rate")
                    .doubleType()
                    .defaultValue(0.1)
                    .withDescription("Q-learning alpha, (0,1].");
    public static final ConfigOption<Double> DISCOUNT =
            ConfigOptions.key("tauflow.agent.discount")
                    .doubleType()
                    .defaultValue(0.9)
                    .withDescription("Q-learning gamma, [0,1).");
    public static final ConfigOption<Double> FEE_BPS =
            ConfigOptions.key("tauflow.agent.fee-bps")
                    .doubleType()
                    .defaultValue(1.0)
                    .withDescription("Fee per side in basis points; rewards are net of it.");
    public static final ConfigOption<Double> CONFIDENCE_SCALE_BPS =
            ConfigOptions.key("tauflow.agent.confidence-scale-bps")
                    .doubleType()
                    .defaultValue(2.0)
                    .withDescription("Q-value gap (reward bps) that maps to ~88 % confidence.");
    public static final ConfigOption<Long> SEED =
            ConfigOptions.key("tauflow.agent.seed")
                    .longType()
                    .defaultValue(42L)
                    .withDescription(
                            "Seed of the exploration draws; same seed and input, same actions.");

    // Sizing
    public static final ConfigOption<Double> BASE_NOTIONAL =
            ConfigOptions.key("tauflow.sizing.base-notional")
                    .doubleType()
                    .defaultValue(150.0)
                    .withDescription(
                            "notional = base x (0.8 + 0.4 x confidence) x emotion factor.");
    public static final ConfigOption<Double> CONFIDENCE_THRESHOLD =
            ConfigOptions.key("tauflow.sizing.confidence-threshold")
                    .doubleType()
                    .defaultValue(0.65)
                    .withDescription(
                            "BUYs below this confidence (plus the emotion's shift) open nothing.");
    public static final ConfigOption<Double> MAX_NOTIONAL =
            ConfigOptions.key("tauflow.sizing.max-notional")
                    .doubleType()
                    .defaultValue(250.0)
                    .withDescription("Cap of one opening order's notional at the sizer.");
    public static final ConfigOption<String> DEFAULT_ACCOUNT =
            ConfigOptions.key("tauflow.account.default")
                    .stringType()
                    .defaultValue("paper")
                    .withDescription("Account of every symbol not mapped explicitly.");
    public static final ConfigOption<String> ACCOUNT_BY_SYMBOL =
            ConfigOptions.key("tauflow.account.by-symbol")
                    .stringType()
                    .defaultValue("")
                    .withDescription("SYMBOL:ACCOUNT pairs, comma separated.");

    // Risk
    public static final ConfigOption<Double> MAX_ORDER_NOTIONAL =
            ConfigOptions.key("tauflow.risk.max-order-notional")
                    .doubleType()
                    .defaultValue(1_000.0)
                    .withDescription("Risk gate: largest notional of one opening order.");
    public static final ConfigOption<Double> DAILY_LOSS_LIMIT =
            ConfigOptions.key("tauflow.risk.daily-loss-limit")
                    .doubleType()
                    .defaultValue(500.0)
                    .withDescription(
                            "Risk gate: realised loss per account and UTC day (positive amount) that stops new positions.");
    public static final ConfigOption<Double> VAR_BUDGET =
            ConfigOptions.key("tauflow.risk.var-budget")
                    .doubleType()
                    .defaultValue(10.0)
                    .withDescription(
                            "Risk gate: largest notional x one-bar VaR99 of one opening order.");
    public static final ConfigOption<Boolean> KILL_SWITCH_ALLOWS_CLOSING =
            ConfigOptions.key("tauflow.risk.kill-switch-allows-closing")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription("Whether closing orders pass an active kill switch.");
    public static final ConfigOption<Duration> VAR_WINDOW =
            ConfigOptions.key("tauflow.risk.var-window")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(60))
                    .withDescription("Length of the per-symbol VaR window (event time).");
    public static final ConfigOption<Duration> VAR_SLIDE =
            ConfigOptions.key("tauflow.risk.var-slide")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(5))
                    .withDescription("How often a VaR window closes.");
    public static final ConfigOption<Integer> VAR_MIN_RETURNS =
            ConfigOptions.key("tauflow.risk.var-min-returns")
                    .intType()
                    .defaultValue(20)
                    .withDescription("Windows with fewer returns emit no estimate.");

    // VaR windows: parametric, Monte Carlo, risk level (see docs/RISK.md)
    public static final ConfigOption<Integer> VAR_MC_LEVEL =
            ConfigOptions.key("tauflow.var.mc-level")
                    .intType()
                    .defaultValue(1)
                    .withDescription(
                            "Monte Carlo level: 1 GBM, 2 regime-conditioned, 4 correlated with calm/stress switching, 5 plus Student-t shocks and jumps (3 is not implemented).");
    public static final ConfigOption<Integer> VAR_MC_PATHS =
            ConfigOptions.key("tauflow.var.mc-paths")
                    .intType()
                    .defaultValue(1_000)
                    .withDescription("Monte Carlo paths per window, 100..10000000.");
    public static final ConfigOption<Integer> VAR_MC_STEPS =
            ConfigOptions.key("tauflow.var.mc-steps")
                    .intType()
                    .defaultValue(50)
                    .withDescription(
                            "Bars per Monte Carlo path: the horizon of the MC VaR, 1..100000.");
    public static final ConfigOption<Long> VAR_SEED =
            ConfigOptions.key("tauflow.var.seed")
                    .longType()
                    .defaultValue(7L)
                    .withDescription(
                            "Configured part of the Monte Carlo seed, mixed with the symbol and the window end; same seed and input, same figures.");
    public static final ConfigOption<String> VAR_REGIME_TABLE =
            ConfigOptions.key("tauflow.var.regime-table")
                    .stringType()
                    .defaultValue(RegimeTable.DEFAULT_SPEC)
                    .withDescription(
                            "Level 2+: REGIME:driftMultiplier:volMultiplier entries, comma separated; regimes left out are neutral (1:1).");
    public static final ConfigOption<Double> VAR_CALM_TO_STRESS =
            ConfigOptions.key("tauflow.var.markov.calm-to-stress")
                    .doubleType()
                    .defaultValue(0.02)
                    .withDescription(
                            "Level 4+: probability per bar of moving from calm to stress.");
    public static final ConfigOption<Double> VAR_STRESS_TO_CALM =
            ConfigOptions.key("tauflow.var.markov.stress-to-calm")
                    .doubleType()
                    .defaultValue(0.10)
                    .withDescription(
                            "Level 4+: probability per bar of moving from stress to calm.");
    public static final ConfigOption<Double> VAR_STRESS_VOL_MULTIPLIER =
            ConfigOptions.key("tauflow.var.markov.stress-vol-multiplier")
                    .doubleType()
                    .defaultValue(2.0)
                    .withDescription("Level 4+: volatility multiplier while in stress, > 0.");
    public static final ConfigOption<Double> VAR_STUDENT_DOF =
            ConfigOptions.key("tauflow.var.student-t-dof")
                    .doubleType()
                    .defaultValue(5.0)
                    .withDescription(
                            "Level 5: degrees of freedom of the Student-t shocks (scaled to unit variance), > 2.");
    public static final ConfigOption<Double> VAR_JUMP_INTENSITY =
            ConfigOptions.key("tauflow.var.jump.intensity")
                    .doubleType()
                    .defaultValue(0.002)
                    .withDescription(
                            "Level 5: expected jumps per bar (Poisson), 0..1; 0 disables jumps.");
    public static final ConfigOption<Double> VAR_JUMP_MEAN =
            ConfigOptions.key("tauflow.var.jump.mean")
                    .doubleType()
                    .defaultValue(-5.0)
                    .withDescription("Level 5: mean jump log-size in units of the bar volatility.");
    public static final ConfigOption<Double> VAR_JUMP_STD =
            ConfigOptions.key("tauflow.var.jump.std")
                    .doubleType()
                    .defaultValue(2.0)
                    .withDescription(
                            "Level 5: standard deviation of the jump log-size in bar volatilities, >= 0.");
    public static final ConfigOption<Double> VAR_RISK_VAR99_LIMIT =
            ConfigOptions.key("tauflow.var.risk-level.var99-limit")
                    .doubleType()
                    .defaultValue(0.01)
                    .withDescription(
                            "One-bar VaR99 (fraction of position value) that scores 10 in the risk score.");
    public static final ConfigOption<Double> VAR_RISK_VOL_LIMIT =
            ConfigOptions.key("tauflow.var.risk-level.volatility-limit")
                    .doubleType()
                    .defaultValue(1.0)
                    .withDescription("Annualised volatility that scores 10 in the risk score.");
    public static final ConfigOption<String> VAR_RISK_THRESHOLDS =
            ConfigOptions.key("tauflow.var.risk-level.thresholds")
                    .stringType()
                    .defaultValue("3,5,7")
                    .withDescription(
                            "Scores (0..10) from which the level is MEDIUM, HIGH and CRITICAL: medium,high,critical.");
    public static final ConfigOption<Duration> VAR_TRADING_TIME_PER_YEAR =
            ConfigOptions.key("tauflow.var.trading-time-per-year")
                    .durationType()
                    .defaultValue(Duration.ofDays(365))
                    .withDescription(
                            "Trading time in a year, for annualising volatility (periods per year = this / bar length): 365 d round the clock, 1638 h for US equities in regular hours.");

    private static ConfigOption<String> topic(String name, String def) {
        return ConfigOptions.key("tauflow.topic." + name)
                .stringType()
                .defaultValue(def)
                .withDescription("Topic " + name + ".");
    }
}
