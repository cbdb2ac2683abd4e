package io.tauflow.ingest;

import static io.tauflow.testing.TestRecords.candle;
import static io.tauflow.testing.TestRecords.control;
import static io.tauflow.testing.TestRecords.level;
import static io.tauflow.testing.TestRecords.sentiment;
import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.schema.Candle;
import io.tauflow.schema.ControlScope;
import io.tauflow.schema.ControlType;
import io.tauflow.schema.DeadLetter;
import io.tauflow.schema.PriceLevel;
import io.tauflow.schema.SentimentScore;
import io.tauflow.testing.TestRecords;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboundValidatorTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    /** The wall clock the checks run at: a day after {@link #T0}. */
    private static final long NOW = T0.plusSeconds(86_400).toEpochMilli();

    private static String problemNow(InboundEvent e) {
        return InboundValidator.problem(e, InputLimits.DEFAULTS, NOW);
    }

    private static String problem(Candle c) {
        return problemNow(InboundEvent.candle(c));
    }

    private static String bookProblem(List<PriceLevel> bids, List<PriceLevel> asks) {
        return problemNow(InboundEvent.book(TestRecords.book("BTCUSDT", T0, bids, asks)));
    }

    @Test
    void acceptsAWellFormedCandle() {
        assertThat(problem(candle("BTCUSDT", T0, 100.0, 101.0, 99.0, 100.5))).isNull();
        // a flat bar (all four prices equal) is fine
        assertThat(problem(candle("BTCUSDT", T0, 100.0))).isNull();
    }

    @Test
    void rejectsHighBelowClose() {
        assertThat(problem(candle("BTCUSDT", T0, 100.0, 100.4, 99.0, 100.5)))
                .startsWith("candle high/low do not bracket open/close")
                .contains("h=100.4")
                .contains("c=100.5");
    }

    @Test
    void rejectsHighBelowOpenAndLowAboveOpenOrClose() {
        assertThat(problem(candle("BTCUSDT", T0, 101.0, 100.9, 99.0, 100.0)))
                .startsWith("candle high/low");
        assertThat(problem(candle("BTCUSDT", T0, 99.0, 101.0, 99.5, 100.0)))
                .startsWith("candle high/low");
        assertThat(problem(candle("BTCUSDT", T0, 100.0, 101.0, 99.6, 99.5)))
                .startsWith("candle high/low");
    }

    @Test
    void rejectsNonPositiveOrNonFinitePrices() {
        for (double bad : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            Candle c = candle("BTCUSDT", T0, 100.0, 101.0, 99.0, 100.0);
            c.setClose(bad);
            assertThat(problem(c)).as("close " + bad).contains("is outside 1.0E-12..1.0E12");
        }
    }

    /** A bar whose four prices are all {@code p}. */
    private static String flatBar(double p) {
        return problem(candle("X", T0, p));
    }

    @Test
    void pricesMustBeInsideTheConfiguredBoundsInclusive() {
        InputLimits l = InputLimits.DEFAULTS;
        assertThat(flatBar(l.minPrice())).isNull();
        assertThat(flatBar(l.maxPrice())).isNull();
        assertThat(flatBar(Math.nextDown(l.minPrice()))).startsWith("candle price");
        assertThat(flatBar(Math.nextUp(l.maxPrice()))).startsWith("candle price");
        // the values that once reached an order and corrupted an agent
        assertThat(flatBar(Double.MAX_VALUE)).startsWith("candle price 1.7976931348623157E308");
        assertThat(flatBar(1e-300)).startsWith("candle price 1.0E-300 is outside");

        InputLimits tight = new InputLimits(1.0, 10.0, 100.0, 0, 0, 0, 1, 0);
        long now = T0.toEpochMilli();
        assertThat(InboundValidator.problem(InboundEvent.candle(candle("X", T0, 10.0)), tight, now))
                .isNull();
        assertThat(InboundValidator.problem(InboundEvent.candle(candle("X", T0, 10.5)), tight, now))
                .isEqualTo("candle price 10.5 is outside 1.0..10.0");
        Candle big = candle("X", T0, 5.0);
        big.setVolume(100.5);
        assertThat(InboundValidator.problem(InboundEvent.candle(big), tight, now))
                .isEqualTo("candle volume 100.5 is outside 0..100.0");
        assertThat(
                        InboundValidator.problem(
                                InboundEvent.book(
                                        TestRecords.book(
                                                "X",
                                                T0,
                                                List.of(level(5.0, 101.0)),
                                                List.of(level(6.0, 1.0)))),
                                tight,
                                now))
                .isEqualTo("bids quantity 101.0 is outside 0..100.0");
    }

    @Test
    void eventTimesMustBeAfter1970AndNotTooFarAheadOfTheClock() {
        InputLimits l = InputLimits.DEFAULTS;
        long now = T0.toEpochMilli();
        Candle atLimit = candle("X", T0.plusMillis(l.maxAheadOfClockMs()), 100.0);
        Candle past = candle("X", T0.plusMillis(l.maxAheadOfClockMs() + 1), 100.0);
        Candle negative = candle("X", Instant.ofEpochMilli(-60_000), 100.0);
        Candle farFuture = candle("X", Instant.ofEpochMilli(Long.MAX_VALUE), 100.0);
        assertThat(InboundValidator.problem(InboundEvent.candle(atLimit), l, now)).isNull();
        assertThat(InboundValidator.problem(InboundEvent.candle(past), l, now))
                .contains("is 3600001 ms ahead of the job's clock");
        assertThat(InboundValidator.problem(InboundEvent.candle(negative), l, now))
                .isEqualTo(
                        "candle open time -60000 is not a positive epoch ms (before 1970-01-01)");
        assertThat(InboundValidator.problem(InboundEvent.candle(farFuture), l, now))
                .contains("ahead of the job's clock");
        assertThat(
                        InboundValidator.problem(
                                InboundEvent.sentiment(
                                        sentiment("X", Instant.ofEpochMilli(-60_000), 1.0)),
                                l,
                                now))
                .startsWith("sentiment time -60000");
    }

    @Test
    void identifiersAreShortAndFreeOfControlCharacters() {
        String longest = "S".repeat(InputLimits.MAX_SYMBOL_CHARS);
        assertThat(problem(candle(longest, T0, 100.0))).isNull();
        assertThat(problem(candle(longest + "S", T0, 100.0)))
                .isEqualTo("candle symbol has 65 characters, more than 64");
        assertThat(problem(candle("BTC\u0000USD", T0, 100.0)))
                .isEqualTo("candle symbol holds control character U+0000");
        Candle venue = candle("X", T0, 100.0);
        venue.setVenue("V".repeat(1_000_000));
        assertThat(problem(venue)).startsWith("candle venue has 1000000 characters");
        SentimentScore text = sentiment("X", T0, 1.0);
        text.setText("line one\nline two");
        assertThat(problemNow(InboundEvent.sentiment(text))).isNull();
        text.setText("x".repeat(InputLimits.MAX_TEXT_CHARS + 1));
        assertThat(problemNow(InboundEvent.sentiment(text)))
                .startsWith("sentiment text has 16385 characters");
    }

    @Test
    void barsLongerThanAMonthAndHugeBooksAreRefused() {
        Candle c = candle("X", T0, 100.0);
        c.setIntervalMs(InputLimits.MAX_INTERVAL_MS);
        assertThat(problem(c)).isNull();
        c.setIntervalMs(InputLimits.MAX_INTERVAL_MS + 1);
        assertThat(problem(c)).startsWith("candle interval 2678400001 ms");
        List<PriceLevel> levels = new java.util.ArrayList<>();
        for (int i = 0; i <= InputLimits.MAX_BOOK_LEVELS; i++) {
            levels.add(level(1000.0 - i * 0.01, 1.0));
        }
        assertThat(bookProblem(levels, List.of()))
                .isEqualTo("bids have 5001 levels, more than 5000");
        assertThat(bookProblem(levels.subList(0, InputLimits.MAX_BOOK_LEVELS), List.of())).isNull();
    }

    @Test
    void rejectsBadVolumeTimeIntervalAndSymbol() {
        Candle negativeVolume = candle("BTCUSDT", T0, 100.0);
        negativeVolume.setVolume(-0.001);
        Candle nanVolume = candle("BTCUSDT", T0, 100.0);
        nanVolume.setVolume(Double.NaN);
        Candle zeroVolume = candle("BTCUSDT", T0, 100.0);
        zeroVolume.setVolume(0.0);
        Candle noTime = candle("BTCUSDT", T0, 100.0);
        noTime.setOpenTimeMs(0L);
        Candle noInterval = candle("BTCUSDT", T0, 100.0);
        noInterval.setIntervalMs(0L);

        assertThat(problem(negativeVolume)).contains("volume");
        assertThat(problem(nanVolume)).contains("volume");
        assertThat(problem(zeroVolume)).isNull();
        assertThat(problem(noTime)).contains("open time 0");
        assertThat(problem(noInterval)).contains("interval 0");
        assertThat(problem(candle(" ", T0, 100.0))).isEqualTo("candle without symbol");
    }

    @Test
    void sentimentMustBeWithinPlusMinusTen() {
        assertThat(problemNow(InboundEvent.sentiment(sentiment("X", T0, 10.0)))).isNull();
        assertThat(problemNow(InboundEvent.sentiment(sentiment("X", T0, -10.0)))).isNull();
        assertThat(problemNow(InboundEvent.sentiment(sentiment("X", T0, 10.001))))
                .contains("outside -10..+10");
        assertThat(problemNow(InboundEvent.sentiment(sentiment("X", T0, -10.001))))
                .contains("outside -10..+10");
        assertThat(problemNow(InboundEvent.sentiment(sentiment("X", T0, Double.NaN))))
                .contains("no score");
        assertThat(problemNow(InboundEvent.sentiment(sentiment("", T0, 1.0))))
                .isEqualTo("sentiment without symbol");
    }

    @Test
    void acceptsASortedUncrossedBookAndEmptySides() {
        assertThat(
                        bookProblem(
                                List.of(level(99.9, 1.0), level(99.8, 2.0)),
                                List.of(level(100.1, 1.0), level(100.2, 0.0))))
                .isNull();
        assertThat(bookProblem(List.of(), List.of(level(100.1, 1.0)))).isNull();
        assertThat(bookProblem(List.of(), List.of())).isNull();
    }

    @Test
    void rejectsCrossedLockedOrUnsortedBooks() {
        assertThat(bookProblem(List.of(level(100.2, 1.0)), List.of(level(100.1, 1.0))))
                .startsWith("crossed book: best bid 100.2 >= best ask 100.1");
        assertThat(bookProblem(List.of(level(100.0, 1.0)), List.of(level(100.0, 1.0))))
                .startsWith("crossed book");
        assertThat(
                        bookProblem(
                                List.of(level(99.8, 1.0), level(99.9, 1.0)),
                                List.of(level(100.1, 1.0))))
                .isEqualTo("bids not sorted best first at price 99.9");
        assertThat(
                        bookProblem(
                                List.of(level(99.9, 1.0)),
                                List.of(level(100.2, 1.0), level(100.2, 1.0))))
                .isEqualTo("asks not sorted best first at price 100.2");
        assertThat(bookProblem(List.of(level(99.9, -1.0)), List.of()))
                .startsWith("bids quantity -1.0");
        assertThat(bookProblem(List.of(), List.of(level(0.0, 1.0)))).startsWith("asks price 0.0");
    }

    @Test
    void controlNeedsATarget() {
        assertThat(
                        problemNow(
                                InboundEvent.control(
                                        control(
                                                "c-1",
                                                T0,
                                                ControlType.KILL_SWITCH_ON,
                                                ControlScope.SYMBOL,
                                                "BTCUSDT"))))
                .isNull();
        assertThat(
                        problemNow(
                                InboundEvent.control(
                                        control(
                                                "c-2",
                                                T0,
                                                ControlType.KILL_SWITCH_ON,
                                                ControlScope.SYMBOL,
                                                " "))))
                .isEqualTo("control command c-2 without target");
    }

    @Test
    void anUndecodableRecordReportsItsDecodingProblem() {
        DeadLetter d =
                DeadLetter.newBuilder()
                        .setSourceTopic("md.candles")
                        .setPartition(0)
                        .setOffset(1)
                        .setKafkaTimestampMs(1)
                        .setReason("undecodable candle record: EOFException")
                        .setKey(null)
                        .setPayload(null)
                        .build();

        assertThat(problemNow(InboundEvent.undecodable(d)))
                .isEqualTo("undecodable candle record: EOFException");
    }
}
