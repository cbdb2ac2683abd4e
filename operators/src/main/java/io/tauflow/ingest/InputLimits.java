package io.tauflow.ingest;

import io.tauflow.config.OptionReader;
import java.io.Serializable;
import org.apache.flink.configuration.ReadableConfig;

/**
 * What an input record may hold before the job uses it: absolute bounds on prices and sizes, how
 * far ahead of the clock an event time may be, how far an event time may jump ahead of its
 * partition's latest one and a bar's prices ahead of (or below) its symbol's last accepted close,
 * and how many records must agree on such a jump before it is taken as real. Anything outside goes
 * to the dead-letter topic with the reason; docs/CONFIGURATION.md, "Bad input", has the why of each
 * default.
 *
 * @param minPrice smallest price of a bar or book level (inclusive)
 * @param maxPrice largest price of a bar or book level (inclusive)
 * @param maxSize largest volume of a bar or quantity of a book level (inclusive)
 * @param maxAheadOfClockMs largest amount an event time may be ahead of the wall clock of the job
 * @param maxTimeJumpMs largest amount a market record's event time may be ahead of the latest one
 *     accepted from its topic partition; 0 turns the check off
 * @param maxPriceJump largest ratio (either way) between a bar's prices and its symbol's last
 *     accepted close, and between its high and low; 0 turns the check off
 * @param jumpConfirmations consecutive records that must agree on a time or price jump before it is
 *     accepted (the last of them is accepted, the ones before it are dead-lettered); 1 accepts
 *     every jump at once, the same as turning both jump checks off
 * @param deadLetterMaxBytes the most bytes of an input record's key, and separately of its value,
 *     that a dead letter carries; longer ones are truncated and flagged
 */
public record InputLimits(
        double minPrice,
        double maxPrice,
        double maxSize,
        long maxAheadOfClockMs,
        long maxTimeJumpMs,
        double maxPriceJump,
        int jumpConfirmations,
        int deadLetterMaxBytes)
        implements Serializable {

    /** Longest symbol or venue, in characters. */
    public static final int MAX_SYMBOL_CHARS = 64;

    /** Longest other identifier (sentiment source, control command id and target), in chars. */
    public static final int MAX_ID_CHARS = 256;

    /** Longest free text (sentiment text, control reason), in characters. */
    public static final int MAX_TEXT_CHARS = 16_384;

    /** Most price levels on one side of an order book. */
    public static final int MAX_BOOK_LEVELS = 5_000;

    /** Longest bar: a calendar month. */
    public static final long MAX_INTERVAL_MS = 31L * 24 * 3600 * 1000;

    /** The largest {@link #deadLetterMaxBytes}: key and value together stay well under 1 MiB. */
    public static final int MAX_DEAD_LETTER_BYTES = 400 * 1024;

    /** Longest reason of a dead letter, in characters. */
    public static final int MAX_REASON_CHARS = 2_048;

    public static final InputLimits DEFAULTS =
            new InputLimits(1e-12, 1e12, 1e15, 3_600_000L, 7L * 24 * 3600 * 1000, 10.0, 3, 262_144);

    public InputLimits {
        if (!(minPrice > 0) || !(maxPrice > minPrice) || Double.isInfinite(maxPrice)) {
            throw new IllegalArgumentException(
                    "price bounds must satisfy 0 < min-price < max-price < infinity, got "
                            + minPrice
                            + " and "
                            + maxPrice);
        }
        if (!(maxSize > 0) || Double.isInfinite(maxSize)) {
            throw new IllegalArgumentException("max size must be finite and > 0, got " + maxSize);
        }
        if (maxAheadOfClockMs < 0 || maxTimeJumpMs < 0) {
            throw new IllegalArgumentException("time limits must be >= 0");
        }
        if (!(maxPriceJump == 0 || maxPriceJump > 1) || Double.isInfinite(maxPriceJump)) {
            throw new IllegalArgumentException(
                    "max price jump must be a finite factor > 1, or 0 for off, got "
                            + maxPriceJump);
        }
        if (jumpConfirmations < 1) {
            throw new IllegalArgumentException(
                    "jump confirmations must be >= 1, got " + jumpConfirmations);
        }
        if (deadLetterMaxBytes < 0 || deadLetterMaxBytes > MAX_DEAD_LETTER_BYTES) {
            throw new IllegalArgumentException(
                    "dead-letter max bytes must be in 0.."
                            + MAX_DEAD_LETTER_BYTES
                            + ", got "
                            + deadLetterMaxBytes);
        }
    }

    /** True when {@code p} is a finite price within the bounds. */
    public boolean priceInBounds(double p) {
        return p >= minPrice && p <= maxPrice;
    }

    /** True when {@code q} is a finite size within 0..max. */
    public boolean sizeInBounds(double q) {
        return q >= 0 && q <= maxSize;
    }

    /**
     * True when {@code b} is more than {@link #maxPriceJump} times {@code a} or less than {@code a}
     * divided by it; never with the check off.
     */
    public boolean jumps(double a, double b) {
        return maxPriceJump != 0 && (b > a * maxPriceJump || b * maxPriceJump < a);
    }

    /** The {@code tauflow.input.*} options ({@link InputOptions}), each checked with its name. */
    public static InputLimits from(ReadableConfig conf) {
        return OptionReader.attempt(
                InputOptions.MIN_PRICE,
                () ->
                        new InputLimits(
                                OptionReader.get(conf, InputOptions.MIN_PRICE),
                                OptionReader.get(conf, InputOptions.MAX_PRICE),
                                OptionReader.get(conf, InputOptions.MAX_SIZE),
                                OptionReader.nonNegative(conf, InputOptions.MAX_AHEAD_OF_CLOCK)
                                        .toMillis(),
                                OptionReader.nonNegative(conf, InputOptions.MAX_TIME_JUMP)
                                        .toMillis(),
                                OptionReader.get(conf, InputOptions.MAX_PRICE_JUMP),
                                OptionReader.get(conf, InputOptions.JUMP_CONFIRMATIONS),
                                OptionReader.get(conf, InputOptions.DEAD_LETTER_MAX_BYTES)));
    }
}
