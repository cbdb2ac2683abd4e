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
    public static final ConfigOption<Double> SLOW_VOL_LAMBDA =
            ConfigOptions.key("tauflow.features.slow-volatility-lambda")
                    .doubleType()
                    .defaultValue(0.995)
                    .withDescription(
                            "EWMA decay of the slow variance the volatility ratio divides by, (0,1).");
    public static final ConfigOption<Integer> ATR_PERIOD =
            ConfigOptions.key("tauflow.features.atr-period")
                    .intType()
                    .defaultValue(14)
                    .withDescription("ATR period (Wilder smoothing).");
    public static final ConfigOption<Integer> ADX_PERIOD =
            ConfigOptions.key("tauflow.features.adx-period")
                    .intType()
                    .defaultValue(14)
                    .withDescription("Period of +DI/-DI and of the ADX (Wilder smoothing).");
    public static final ConfigOption<Integer> MACD_FAST =
            ConfigOptions.key("tauflow.features.macd-fast")
                    .intType()
                    .defaultValue(12)
                    .withDescription("MACD fast EMA period; below macd-slow.");
    public static final ConfigOption<Integer> MACD_SLOW =
            ConfigOptions.key("tauflow.features.macd-slow")
                    .intType()
                    .defaultValue(26)
                    .withDescription("MACD slow EMA period.");
    public static final ConfigOption<Integer> MACD_SIGNAL =
            ConfigOptions.key("tauflow.features.macd-signal")
                    .intType()
                    .defaultValue(9)
                    .withDescription("MACD signal-line EMA period.");
    public static final ConfigOption<Integer> BOLLINGER_PERIOD =
            ConfigOptions.key("tauflow.features.bollinger-period")
                    .intType()
                    .defaultValue(20)
                    .withDescription(
                            "Bollinger window: SMA and population standard deviation of closes.");
    public static final ConfigOption<Double> BOLLINGER_K =
            ConfigOptions.key("tauflow.features.bollinger-k")
                    .doubleType()
                    .defaultValue(2.0)
                    .withDescription("Bollinger band half-width in standard deviations.");
    public static final ConfigOption<Integer> TREND_MA_PERIOD =
            ConfigOptions.key("tauflow.features.trend-ma-period")
                    .intType()
                    .defaultValue(50)
                    .withDescription("Trend simple moving average of closes (the regime's MA).");
    public static final ConfigOption<Integer> VOLUME_PERIOD =
            ConfigOptions.key("tauflow.features.volume-zscore-period")
                    .intType()
                    .defaultValue(20)
                    .withDescription("Window of the volume z-score.");
    public static final ConfigOption<Integer> VPIN_BARS =
            ConfigOptions.key("tauflow.features.vpin-bars")
                    .intType()
                    .defaultValue(50)
                    .withDescription("Window of the VPIN order-flow toxicity, in bars.");

    // Regime
    public static final ConfigOption<Double> REGIME_ADX_TRENDING =
            ConfigOptions.key("tauflow.regime.adx-trending")
                    .doubleType()
                    .defaultValue(25.0)
                    .withDescription("ADX above this is a trend (BULL_/BEAR_TRENDING).");
    public static final ConfigOption<Double> REGIME_ADX_RANGING =
            ConfigOptions.key("tauflow.regime.adx-ranging")
                    .doubleType()
                    .defaultValue(20.0)
                    .withDescription(
                            "ADX below this, with a Bollinger squeeze, is RANGE_BOUND; at most adx-trending.");
    public static final ConfigOption<Double> REGIME_VOLATILE_RATIO =
            ConfigOptions.key("tauflow.regime.volatile-ratio")
                    .doubleType()
                    .defaultValue(1.5)
                    .withDescription(
                            "Volatility ratio (fast over slow EWMA volatility) above this is BULL_/BEAR_VOLATILE; checked first.");
    public static final ConfigOption<Double> REGIME_SQUEEZE_ATR_MULTIPLIER =
            ConfigOptions.key("tauflow.regime.squeeze-atr-multiplier")
                    .doubleType()
                    .defaultValue(1.5)
                    .withDescription(
                            "Bollinger squeeze: the bands lie inside middle +/- this many ATRs (k * sd < m * ATR).");

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

    private static ConfigOption<String> topic(String name, String def) {
        return ConfigOptions.key("tauflow.topic." + name)
                .stringType()
                .defaultValue(def)
                .withDescription("Topic " + name + ".");
    }
}
