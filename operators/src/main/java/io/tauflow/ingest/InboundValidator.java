package io.tauflow.ingest;

import io.tauflow.schema.Candle;
import io.tauflow.schema.ControlCommand;
import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.PriceLevel;
import io.tauflow.schema.SentimentScore;
import java.util.List;

/**
 * Checks that a decoded record makes sense on its own before the job uses it: prices and sizes
 * finite and inside the {@link InputLimits}, a bar whose high and low bracket its open and close, a
 * sentiment score inside -10..+10, a book that is sorted and not crossed, identifiers short and
 * free of control characters, and an event time after 1970 and no further ahead of the wall clock
 * than allowed. Returns the first problem found, or null. Checks that need history (time and price
 * jumps) are {@link PartitionClock} and {@link BarGuard}.
 */
public final class InboundValidator {

    private InboundValidator() {}

    /** The first problem of {@code e} under {@code limits} with the wall clock at {@code nowMs}. */
    public static String problem(InboundEvent e, InputLimits limits, long nowMs) {
        switch (e.kind) {
            case CANDLE:
                return candle(e.candle, limits, nowMs);
            case SENTIMENT:
                return sentiment(e.sentiment, limits, nowMs);
            case BOOK:
                return book(e.book, limits, nowMs);
            case CONTROL:
                return control(e.control);
            default:
                return e.deadLetter == null ? "no payload" : e.deadLetter.getReason();
        }
    }

    static String candle(Candle c, InputLimits limits, long nowMs) {
        String problem = symbol("candle", c.getSymbol());
        if (problem == null) {
            problem = text("candle venue", c.getVenue(), InputLimits.MAX_SYMBOL_CHARS, false);
        }
        if (problem == null) {
            problem = time("candle open time", c.getOpenTimeMs(), limits, nowMs);
        }
        if (problem != null) {
            return problem;
        }
        if (c.getIntervalMs() <= 0 || c.getIntervalMs() > InputLimits.MAX_INTERVAL_MS) {
            return "candle interval "
                    + c.getIntervalMs()
                    + " ms is not in 1.."
                    + InputLimits.MAX_INTERVAL_MS
                    + " (a month)";
        }
        double[] prices = {c.getOpen(), c.getHigh(), c.getLow(), c.getClose()};
        for (double p : prices) {
            problem = price("candle price", p, limits);
            if (problem != null) {
                return problem;
            }
        }
        if (c.getHigh() < Math.max(c.getOpen(), c.getClose())
                || c.getLow() > Math.min(c.getOpen(), c.getClose())) {
            return "candle high/low do not bracket open/close (o="
                    + c.getOpen()
                    + " h="
                    + c.getHigh()
                    + " l="
                    + c.getLow()
                    + " c="
                    + c.getClose()
                    + ")";
        }
        problem = size("candle volume", c.getVolume(), limits);
        if (problem == null && c.getTakerBuyVolume() != null) {
            problem = size("candle taker-buy volume", c.getTakerBuyVolume(), limits);
        }
        if (problem == null && c.getTrades() != null && c.getTrades() < 0) {
            problem = "candle trade count " + c.getTrades() + " is negative";
        }
        return problem;
    }

    static String sentiment(SentimentScore s, InputLimits limits, long nowMs) {
        String problem = symbol("sentiment", s.getSymbol());
        if (problem == null) {
            problem = time("sentiment time", s.getEventTimeMs(), limits, nowMs);
        }
        if (problem == null && Double.isNaN(s.getScore())) {
            problem = "sentiment has no score (NaN) and no text to score";
        }
        if (problem == null && !(s.getScore() >= -10 && s.getScore() <= 10)) {
            problem = "sentiment score " + s.getScore() + " outside -10..+10";
        }
        if (problem == null) {
            problem = text("sentiment source", s.getSource(), InputLimits.MAX_ID_CHARS, false);
        }
        if (problem == null && s.getText() != null) {
            problem = text("sentiment text", s.getText(), InputLimits.MAX_TEXT_CHARS, true);
        }
        return problem;
    }

    static String book(OrderBookSnapshot b, InputLimits limits, long nowMs) {
        String problem = symbol("order book", b.getSymbol());
        if (problem == null) {
            problem = text("order book venue", b.getVenue(), InputLimits.MAX_SYMBOL_CHARS, false);
        }
        if (problem == null) {
            problem = time("order book time", b.getEventTimeMs(), limits, nowMs);
        }
        if (problem != null) {
            return problem;
        }
        String side = levels(b.getBids(), true, limits);
        if (side != null) {
            return "bids " + side;
        }
        side = levels(b.getAsks(), false, limits);
        if (side != null) {
            return "asks " + side;
        }
        if (!b.getBids().isEmpty()
                && !b.getAsks().isEmpty()
                && b.getBids().get(0).getPrice() >= b.getAsks().get(0).getPrice()) {
            return "crossed book: best bid "
                    + b.getBids().get(0).getPrice()
                    + " >= best ask "
                    + b.getAsks().get(0).getPrice();
        }
        return null;
    }

    private static String levels(List<PriceLevel> levels, boolean descending, InputLimits limits) {
        if (levels.size() > InputLimits.MAX_BOOK_LEVELS) {
            return "have " + levels.size() + " levels, more than " + InputLimits.MAX_BOOK_LEVELS;
        }
        double prev = Double.NaN;
        for (PriceLevel l : levels) {
            String problem = price("price", l.getPrice(), limits);
            if (problem == null) {
                problem = size("quantity", l.getQuantity(), limits);
            }
            if (problem != null) {
                return problem;
            }
            if (!Double.isNaN(prev) && (descending ? l.getPrice() >= prev : l.getPrice() <= prev)) {
                return "not sorted best first at price " + l.getPrice();
            }
            prev = l.getPrice();
        }
        return null;
    }

    static String control(ControlCommand c) {
        String problem =
                text("control command id", c.getCommandId(), InputLimits.MAX_ID_CHARS, false);
        if (problem == null && c.getTarget().isBlank()) {
            problem = "control command " + c.getCommandId() + " without target";
        }
        if (problem == null) {
            problem = text("control target", c.getTarget(), InputLimits.MAX_ID_CHARS, false);
        }
        if (problem == null && c.getReason() != null) {
            problem = text("control reason", c.getReason(), InputLimits.MAX_TEXT_CHARS, true);
        }
        return problem;
    }

    private static String symbol(String what, String symbol) {
        if (symbol.isBlank()) {
            return what + " without symbol";
        }
        return text(what + " symbol", symbol, InputLimits.MAX_SYMBOL_CHARS, false);
    }

    /**
     * A problem when {@code s} is longer than {@code max} characters or holds a control character
     * (line breaks, carriage returns and tabs allowed in free text only).
     */
    private static String text(String what, String s, int max, boolean freeText) {
        if (s.length() > max) {
            return what + " has " + s.length() + " characters, more than " + max;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isISOControl(ch)
                    && !(freeText && (ch == '\n' || ch == '\r' || ch == '\t'))) {
                return what + " holds control character U+" + String.format("%04X", (int) ch);
            }
        }
        return null;
    }

    private static String time(String what, long t, InputLimits limits, long nowMs) {
        if (t <= 0) {
            return what + " " + t + " is not a positive epoch ms (before 1970-01-01)";
        }
        if (t - nowMs > limits.maxAheadOfClockMs()) {
            return what
                    + " "
                    + t
                    + " is "
                    + (t - nowMs)
                    + " ms ahead of the job's clock ("
                    + nowMs
                    + "), more than the "
                    + limits.maxAheadOfClockMs()
                    + " ms allowed";
        }
        return null;
    }

    private static String price(String what, double p, InputLimits limits) {
        if (!limits.priceInBounds(p)) {
            return what + " " + p + " is outside " + limits.minPrice() + ".." + limits.maxPrice();
        }
        return null;
    }

    private static String size(String what, double q, InputLimits limits) {
        if (!limits.sizeInBounds(q)) {
            return what + " " + q + " is outside 0.." + limits.maxSize();
        }
        return null;
    }
}
