package io.tauflow.jobs;

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
                            "notional = base x (0.8 + 0.4 x confidence) x fear factor x greed factor, capped at max-notional.");
    public static final ConfigOption<Double> CONFIDENCE_THRESHOLD =
            ConfigOptions.key("tauflow.sizing.confidence-threshold")
                    .doubleType()
                    .defaultValue(0.65)
                    .withDescription(
                            "BUYs below this confidence (plus the emotion's shift) open nothing; [0,1].");
    public static final ConfigOption<Double> MAX_NOTIONAL =
            ConfigOptions.key("tauflow.sizing.max-notional")
                    .doubleType()
                    .defaultValue(250.0)
                    .withDescription(
                            "Cap of one opening order's notional at the sizer; at least 0.8 x base.");
    public static final ConfigOption<Double> FEAR_WEIGHT =
            ConfigOptions.key("tauflow.sizing.fear-weight")
                    .doubleType()
                    .defaultValue(1.25)
                    .withDescription(
                            "fear factor = 1 - weight x max(0, fear - NEUTRAL fear 0.3); in [0, 1/0.7). Default gives CAUTIOUS 0.75, WORRIED 0.5, SCARED 0.25.");
    public static final ConfigOption<Double> GREED_WEIGHT =
            ConfigOptions.key("tauflow.sizing.greed-weight")
                    .doubleType()
                    .defaultValue(0.5)
                    .withDescription(
                            "greed factor = min(1 + weight x max(0, greed - NEUTRAL greed 0.3), max-greed-factor); >= 0. Default gives HAPPY 1.1.");
    public static final ConfigOption<Double> MAX_GREED_FACTOR =
            ConfigOptions.key("tauflow.sizing.max-greed-factor")
                    .doubleType()
                    .defaultValue(1.2)
                    .withDescription(
                            "Upper bound of the greed factor (EXCITED hits it by default); >= 1.");
    public static final ConfigOption<Double> TAKE_PROFIT =
            ConfigOptions.key("tauflow.sizing.take-profit")
                    .doubleType()
                    .defaultValue(0.02)
                    .withDescription(
                            "Close a position the sizer opened once price / entry - 1 >= this fraction; 0 = off.");
    public static final ConfigOption<Double> STOP_LOSS =
            ConfigOptions.key("tauflow.sizing.stop-loss")
                    .doubleType()
                    .defaultValue(0.01)
                    .withDescription(
                            "Close it once price / entry - 1 <= minus this fraction; [0,1), 0 = off.");
    public static final ConfigOption<Duration> STALE_AFTER =
            ConfigOptions.key("tauflow.sizing.stale-after")
                    .durationType()
                    .defaultValue(Duration.ofHours(4))
                    .withDescription(
                            "Close it when at least this old (event time) and it moved less than stale-min-move; 0 = off.");
    public static final ConfigOption<Double> STALE_MIN_MOVE =
            ConfigOptions.key("tauflow.sizing.stale-min-move")
                    .doubleType()
                    .defaultValue(0.005)
                    .withDescription(
                            "See stale-after: |price / entry - 1| below this is stale; [0,1).");
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

    // Risk gate (docs/RISK.md)
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
                            "Risk gate: largest |order price / last trade price - 1| of any order; > 0.");
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
                            "Risk gate: sum over an account's positions of value x one-bar VaR99 after an opening order; > 0.");
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

    private static ConfigOption<String> topic(String name, String def) {
        return ConfigOptions.key("tauflow.topic." + name)
                .stringType()
                .defaultValue(def)
                .withDescription("Topic " + name + ".");
    }
}
