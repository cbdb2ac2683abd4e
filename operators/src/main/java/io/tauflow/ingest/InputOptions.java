package io.tauflow.ingest;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The options of the sources' admission checks ({@code tauflow.input.*}, read by {@link
 * InputLimits#from}) and of event time ({@code tauflow.watermark.*}, read by {@link
 * EventTime#from}); docs/CONFIGURATION.md, "Bad input".
 */
public final class InputOptions {

    private InputOptions() {}

    public static final ConfigOption<Double> MIN_PRICE =
            ConfigOptions.key("tauflow.input.min-price")
                    .doubleType()
                    .defaultValue(InputLimits.DEFAULTS.minPrice())
                    .withDescription(
                            "Smallest price of a bar or book level; anything lower is dead-lettered. > 0.");

    public static final ConfigOption<Double> MAX_PRICE =
            ConfigOptions.key("tauflow.input.max-price")
                    .doubleType()
                    .defaultValue(InputLimits.DEFAULTS.maxPrice())
                    .withDescription(
                            "Largest price of a bar or book level; anything higher is dead-lettered. Above min-price, finite.");

    public static final ConfigOption<Double> MAX_SIZE =
            ConfigOptions.key("tauflow.input.max-size")
                    .doubleType()
                    .defaultValue(InputLimits.DEFAULTS.maxSize())
                    .withDescription(
                            "Largest bar volume (and taker-buy volume) or book level quantity; anything larger is dead-lettered. > 0, finite.");

    public static final ConfigOption<Duration> MAX_AHEAD_OF_CLOCK =
            ConfigOptions.key("tauflow.input.max-ahead-of-clock")
                    .durationType()
                    .defaultValue(Duration.ofMillis(InputLimits.DEFAULTS.maxAheadOfClockMs()))
                    .withDescription(
                            "A market record whose event time is further ahead of the job's wall clock is dead-lettered (it would carry the watermark, and the output stamped with it, into the future).");

    public static final ConfigOption<Duration> MAX_TIME_JUMP =
            ConfigOptions.key("tauflow.input.max-time-jump")
                    .durationType()
                    .defaultValue(Duration.ofMillis(InputLimits.DEFAULTS.maxTimeJumpMs()))
                    .withDescription(
                            "A market record whose event time is further ahead of the latest one accepted from its topic partition is dead-lettered, until jump-confirmations records agree on the new time. 0 = off.");

    public static final ConfigOption<Double> MAX_PRICE_JUMP =
            ConfigOptions.key("tauflow.input.max-price-jump")
                    .doubleType()
                    .defaultValue(InputLimits.DEFAULTS.maxPriceJump())
                    .withDescription(
                            "A bar with a price more than this factor above or below its symbol's last accepted close is dead-lettered until jump-confirmations bars agree on the new level; a bar whose high is more than this factor above its low always is. > 1, or 0 = off.");

    public static final ConfigOption<Integer> JUMP_CONFIRMATIONS =
            ConfigOptions.key("tauflow.input.jump-confirmations")
                    .intType()
                    .defaultValue(InputLimits.DEFAULTS.jumpConfirmations())
                    .withDescription(
                            "Consecutive records that must agree on a time or price jump before the last of them is accepted (the ones before are dead-lettered); one bad record never passes when >= 2. >= 1.");

    public static final ConfigOption<Integer> DEAD_LETTER_MAX_BYTES =
            ConfigOptions.key("tauflow.input.dead-letter-max-bytes")
                    .intType()
                    .defaultValue(InputLimits.DEFAULTS.deadLetterMaxBytes())
                    .withDescription(
                            "Most bytes of a bad record's key, and of its value, kept in its dead letter; longer ones are cut and flagged truncated. 0..409600.");

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

    public static final ConfigOption<Duration> CANDLES_IDLENESS =
            ConfigOptions.key("tauflow.watermark.candles-idleness")
                    .durationType()
                    .noDefaultValue()
                    .withDescription(
                            "Idleness of the candle source alone; unset: tauflow.watermark.idleness.");

    public static final ConfigOption<Duration> SENTIMENT_IDLENESS =
            ConfigOptions.key("tauflow.watermark.sentiment-idleness")
                    .durationType()
                    .noDefaultValue()
                    .withDescription(
                            "Idleness of the sentiment source alone (sentiment is often sparse: a short one stops an empty sentiment topic from holding back the watermark); unset: tauflow.watermark.idleness.");

    public static final ConfigOption<Duration> ORDER_BOOK_IDLENESS =
            ConfigOptions.key("tauflow.watermark.orderbook-idleness")
                    .durationType()
                    .noDefaultValue()
                    .withDescription(
                            "Idleness of the order-book source alone; unset: tauflow.watermark.idleness.");
}
