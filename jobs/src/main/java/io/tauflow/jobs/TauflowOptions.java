package io.tauflow.jobs;

import io.tauflow.agent.EncoderConfig;
import io.tauflow.ingest.InputLimits;
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

    /** Trading calendar that annualises Sharpe and Sortino. */
    public enum Calendar {
        /** 252 days of 6.5 hours. */
        US_EQUITIES,
        /** 365 days of 24 hours. */
        CRYPTO
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

    // Input admission: what a record may hold before the job uses it (docs/CONFIGURATION.md, "Bad
    // input")
    public static final ConfigOption<Double> INPUT_MIN_PRICE =
            ConfigOptions.key("tauflow.input.min-price")
                    .doubleType()
                    .defaultValue(InputLimits.DEFAULTS.minPrice())
                    .withDescription(
                            "Smallest price of a bar or book level; anything lower is dead-lettered. > 0.");
    public static final ConfigOption<Double> INPUT_MAX_PRICE =
            ConfigOptions.key("tauflow.input.max-price")
                    .doubleType()
                    .defaultValue(InputLimits.DEFAULTS.maxPrice())
                    .withDescription(
                            "Largest price of a bar or book level; anything higher is dead-lettered. Above min-price, finite.");
    public static final ConfigOption<Double> INPUT_MAX_SIZE =
            ConfigOptions.key("tauflow.input.max-size")
                    .doubleType()
                    .defaultValue(InputLimits.DEFAULTS.maxSize())
                    .withDescription(
                            "Largest bar volume (and taker-buy volume) or book level quantity; anything larger is dead-lettered. > 0, finite.");
    public static final ConfigOption<Duration> INPUT_MAX_AHEAD_OF_CLOCK =
            ConfigOptions.key("tauflow.input.max-ahead-of-clock")
                    .durationType()
                    .defaultValue(Duration.ofMillis(InputLimits.DEFAULTS.maxAheadOfClockMs()))
                    .withDescription(
                            "A market record whose event time is further ahead of the job's wall clock is dead-lettered (it would carry the watermark, and the output stamped with it, into the future).");
    public static final ConfigOption<Duration> INPUT_MAX_TIME_JUMP =
            ConfigOptions.key("tauflow.input.max-time-jump")
                    .durationType()
                    .defaultValue(Duration.ofMillis(InputLimits.DEFAULTS.maxTimeJumpMs()))
                    .withDescription(
                            "A market record whose event time is further ahead of the latest one accepted from its topic partition is dead-lettered, until jump-confirmations records agree on the new time. 0 = off.");
    public static final ConfigOption<Double> INPUT_MAX_PRICE_JUMP =
            ConfigOptions.key("tauflow.input.max-price-jump")
                    .doubleType()
                    .defaultValue(InputLimits.DEFAULTS.maxPriceJump())
                    .withDescription(
                            "A bar with a price more than this factor above or below its symbol's last accepted close is dead-lettered until jump-confirmations bars agree on the new level; a bar whose high is more than this factor above its low always is. > 1, or 0 = off.");
    public static final ConfigOption<Integer> INPUT_JUMP_CONFIRMATIONS =
            ConfigOptions.key("tauflow.input.jump-confirmations")
                    .intType()
                    .defaultValue(InputLimits.DEFAULTS.jumpConfirmations())
                    .withDescription(
                            "Consecutive records that must agree on a time or price jump before the last of them is accepted (the ones before are dead-lettered); one bad record never passes when >= 2. >= 1.");
    public static final ConfigOption<Integer> INPUT_DEAD_LETTER_MAX_BYTES =
            ConfigOptions.key("tauflow.input.dead-letter-max-bytes")
                    .intType()
                    .defaultValue(InputLimits.DEFAULTS.deadLetterMaxBytes())
                    .withDescription(
                            "Most bytes of a bad record's key, and of its value, kept in its dead letter; longer ones are cut and flagged truncated. 0..409600.");

    // Market-wide regime
    public static final ConfigOption<String> MARKET_REFERENCE_SYMBOL =
            ConfigOptions.key("tauflow.market.reference-symbol")
                    .stringType()
                    .defaultValue("SPY")
                    .withDescription(
                            "Symbol whose regime is the market-wide regime, broadcast to every symbol's agent; each agent then holds its market events until the watermark passes them. Empty: no market regime, events are used as they arrive (each agent uses its own symbol's regime).");
    public static final ConfigOption<Duration> MARKET_REGIME_MAX_AGE =
            ConfigOptions.key("tauflow.market.regime-max-age")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(15))
                    .withDescription(
                            "A reference bar older than this (before a symbol's bar) does not count; the agent then uses the symbol's own regime.");

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

    public static final ConfigOption<String> EPSILONS =
            ConfigOptions.key("tauflow.agent.epsilons")
                    .stringType()
                    .defaultValue("0.3,0.2,0.1,0.05")
                    .withDescription(
                            "Exploration rate of the warmup, learning, refinement and mastery phases, each in [0,1].");
    public static final ConfigOption<String> PHASE_ENDS =
            ConfigOptions.key("tauflow.agent.phase-ends")
                    .stringType()
                    .defaultValue("500,1500,3000")
                    .withDescription(
                            "Learning steps (per symbol) at which warmup, learning and refinement end; non-decreasing.");
    public static final ConfigOption<Boolean> PYRAMIDING =
            ConfigOptions.key("tauflow.agent.pyramiding")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Tau kernel: whether BUY while long adds a unit (up to max-units); without it BUY is legal only when flat.");
    public static final ConfigOption<Integer> MAX_UNITS =
            ConfigOptions.key("tauflow.agent.max-units")
                    .intType()
                    .defaultValue(3)
                    .withDescription(
                            "Most units of the virtual position when pyramiding (>= 2); ignored without pyramiding.");
    public static final ConfigOption<Double> BURN_SHARE =
            ConfigOptions.key("tauflow.agent.burn-share")
                    .doubleType()
                    .defaultValue(0.0)
                    .withDescription(
                            "Tau kernel: share of each winning trade's realised profit burned (locked away), [0,1].");
    public static final ConfigOption<Integer> REPLAY_SIZE =
            ConfigOptions.key("tauflow.agent.replay-size")
                    .intType()
                    .defaultValue(32)
                    .withDescription(
                            "Transitions kept per symbol for experience replay (0 turns replay off).");
    public static final ConfigOption<Integer> SYMBOL_CACHE_SLOTS =
            ConfigOptions.key("tauflow.agent.symbol-cache-slots")
                    .intType()
                    .defaultValue(1_024)
                    .withDescription(
                            "Slots of each agent operator's cache of its symbols' state objects, so a candle reads no state on RocksDB (about 2.5 KB each; 0 turns it off); docs/AGENT.md.");
    public static final ConfigOption<Integer> ROW_CACHE_SLOTS =
            ConfigOptions.key("tauflow.agent.row-cache-slots")
                    .intType()
                    .defaultValue(65_536)
                    .withDescription(
                            "Slots of each agent operator's cache of Q-table rows in front of RocksDB (about 40 bytes each; 0 turns it off); docs/AGENT.md.");
    public static final ConfigOption<Integer> REPLAY_SAMPLES =
            ConfigOptions.key("tauflow.agent.replay-samples")
                    .intType()
                    .defaultValue(2)
                    .withDescription("Replayed Q updates per step during the refinement phase.");
    public static final ConfigOption<Boolean> META_CONTROL =
            ConfigOptions.key("tauflow.agent.meta-control.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Q-table, momentum and mean-reversion strategies vote on each action; false: pure Q.");
    public static final ConfigOption<Double> META_REWARD_DECAY =
            ConfigOptions.key("tauflow.agent.meta-control.reward-decay")
                    .doubleType()
                    .defaultValue(0.1)
                    .withDescription("EWMA weight of the newest reward in a voter's score, (0,1].");
    public static final ConfigOption<Double> META_TEMPERATURE_BPS =
            ConfigOptions.key("tauflow.agent.meta-control.temperature-bps")
                    .doubleType()
                    .defaultValue(5.0)
                    .withDescription(
                            "A voter's weight is exp(score / temperature); score in reward bps.");
    public static final ConfigOption<Double> META_BAND_LOW =
            ConfigOptions.key("tauflow.agent.meta-control.band-low")
                    .doubleType()
                    .defaultValue(0.0)
                    .withDescription("Bollinger %b at or below which mean reversion buys.");
    public static final ConfigOption<Double> META_BAND_HIGH =
            ConfigOptions.key("tauflow.agent.meta-control.band-high")
                    .doubleType()
                    .defaultValue(0.5)
                    .withDescription("Bollinger %b at or above which mean reversion exits.");
    public static final ConfigOption<Double> META_RSI_LOW =
            ConfigOptions.key("tauflow.agent.meta-control.rsi-low")
                    .doubleType()
                    .defaultValue(30.0)
                    .withDescription("RSI at or below which mean reversion buys.");
    public static final ConfigOption<Double> META_RSI_HIGH =
            ConfigOptions.key("tauflow.agent.meta-control.rsi-high")
                    .doubleType()
                    .defaultValue(70.0)
                    .withDescription("RSI at or above which mean reversion exits.");

    // State encoder
    public static final ConfigOption<EncoderConfig.Preset> ENCODER_PRESET =
            ConfigOptions.key("tauflow.encoder.preset")
                    .enumType(EncoderConfig.Preset.class)
                    .defaultValue(EncoderConfig.Preset.SMALL)
                    .withDescription(
                            "State-space size: SMALL 2,187, MEDIUM 24,000, LARGE 720,300, XLARGE 1,312,200 states (docs/AGENT.md).");
    public static final ConfigOption<String> ENCODER_BINS =
            ConfigOptions.key("tauflow.encoder.bins")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "Custom bin counts M,V,P,D,S,R (e.g. 7,5,4,5,7,3) overriding the preset; P in 1..4, R 1, 3 or 5; at most 2^31-1 states.");
    public static final ConfigOption<EncoderConfig.RegimeSource> ENCODER_REGIME_SOURCE =
            ConfigOptions.key("tauflow.encoder.regime-source")
                    .enumType(EncoderConfig.RegimeSource.class)
                    .defaultValue(EncoderConfig.RegimeSource.MARKET)
                    .withDescription(
                            "Regime dimension: MARKET (the market's regime, the symbol's own while unknown) or SYMBOL.");
    public static final ConfigOption<Double> ENCODER_MOMENTUM_BIN_WIDTH =
            ConfigOptions.key("tauflow.encoder.momentum-bin-width")
                    .doubleType()
                    .defaultValue(EncoderConfig.DEFAULT_MOMENTUM_BIN_WIDTH)
                    .withDescription(
                            "Width of a momentum bin in standard deviations over the horizon (> 0).");
    public static final ConfigOption<Double> ENCODER_VOLATILITY_STEP =
            ConfigOptions.key("tauflow.encoder.volatility-step")
                    .doubleType()
                    .defaultValue(EncoderConfig.DEFAULT_VOLATILITY_STEP)
                    .withDescription(
                            "Volatility-ratio bin edges at step^(2j-V), j = 1..V-1; with V = 3 the middle bin is [1/step, step) (> 1).");
    public static final ConfigOption<Double> ENCODER_BIG_PROFIT =
            ConfigOptions.key("tauflow.encoder.big-profit")
                    .doubleType()
                    .defaultValue(EncoderConfig.DEFAULT_BIG_PROFIT)
                    .withDescription(
                            "Unrealised return (fraction) from which a profit is big, with 4 position bins.");
    public static final ConfigOption<Integer> ENCODER_DURATION_BASE_BARS =
            ConfigOptions.key("tauflow.encoder.duration-base-bars")
                    .intType()
                    .defaultValue(EncoderConfig.DEFAULT_DURATION_BASE_BARS)
                    .withDescription(
                            "Bars held that still fall in the first duration bin; each further bin doubles it.");

    // Metrics
    public static final ConfigOption<Calendar> METRICS_CALENDAR =
            ConfigOptions.key("tauflow.metrics.calendar")
                    .enumType(Calendar.class)
                    .defaultValue(Calendar.US_EQUITIES)
                    .withDescription(
                            "Calendar that annualises Sharpe, Sortino and (unless tauflow.var.trading-time-per-year is set) VaR volatility for the bar interval: US_EQUITIES (252 x 6.5 h) or CRYPTO (365 x 24 h).");

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
                    .withDescription(
                            "Length of the per-symbol VaR window and of the account's portfolio"
                                    + " window (event time).");
    public static final ConfigOption<Duration> VAR_SLIDE =
            ConfigOptions.key("tauflow.risk.var-slide")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(5))
                    .withDescription("How often a VaR window closes.");
    public static final ConfigOption<Integer> VAR_MIN_RETURNS =
            ConfigOptions.key("tauflow.risk.var-min-returns")
                    .intType()
                    .defaultValue(20)
                    .withDescription(
                            "Windows with fewer returns emit no estimate; portfolio windows"
                                    + " need as many bars common to all the account's symbols.");

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
                    .noDefaultValue()
                    .withDescription(
                            "Trading time in a year, for annualising volatility (periods per year = this / bar length). Unset: from tauflow.metrics.calendar (US_EQUITIES 252 x 6.5 h = 1638 h, CRYPTO 365 d).");

    private static ConfigOption<String> topic(String name, String def) {
        return ConfigOptions.key("tauflow.topic." + name)
                .stringType()
                .defaultValue(def)
                .withDescription("Topic " + name + ".");
    }
}
