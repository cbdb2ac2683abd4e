package io.tauflow.ingest;

import io.tauflow.schema.Candle;
import io.tauflow.schema.ControlCommand;
import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.PriceLevel;
import io.tauflow.schema.SentimentScore;
import java.util.List;

/**
 * Checks that a decoded record makes sense before any agent sees it: finite positive prices, a bar
 * whose high and low bracket its open and close, a sentiment score inside -10..+10, a book that is
 * sorted and not crossed. Returns the first problem found, or null.
 */
public final class InboundValidator {

    private InboundValidator() {}

    public static String problem(InboundEvent e) {
        switch (e.kind) {
            case CANDLE:
                return candle(e.candle);
            case SENTIMENT:
                return sentiment(e.sentiment);
            case BOOK:
                return book(e.book);
            case CONTROL:
                return control(e.control);
            default:
                return e.deadLetter == null ? "no payload" : e.deadLetter.getReason();
        }
    }

    static String candle(Candle c) {
        if (c.getSymbol().isBlank()) {
            return "candle without symbol";
        }
        if (c.getOpenTimeMs() <= 0) {
            return "candle open time " + c.getOpenTimeMs() + " is not a positive epoch ms";
        }
        if (c.getIntervalMs() <= 0) {
            return "candle interval " + c.getIntervalMs() + " ms is not positive";
        }
        double[] prices = {c.getOpen(), c.getHigh(), c.getLow(), c.getClose()};
        for (double p : prices) {
            if (!(p > 0) || Double.isInfinite(p)) {
                return "candle price " + p + " is not a finite positive number";
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
        if (!(c.getVolume() >= 0) || Double.isInfinite(c.getVolume())) {
            return "candle volume " + c.getVolume() + " is negative or not finite";
        }
        return null;
    }

    static String sentiment(SentimentScore s) {
        if (s.getSymbol().isBlank()) {
            return "sentiment without symbol";
        }
        if (s.getEventTimeMs() <= 0) {
            return "sentiment time " + s.getEventTimeMs() + " is not a positive epoch ms";
        }
        if (!(s.getScore() >= -10 && s.getScore() <= 10)) {
            return "sentiment score " + s.getScore() + " outside -10..+10";
        }
        return null;
    }

    static String book(OrderBookSnapshot b) {
        if (b.getSymbol().isBlank()) {
            return "order book without symbol";
        }
        if (b.getEventTimeMs() <= 0) {
            return "order book time " + b.getEventTimeMs() + " is not a positive epoch ms";
        }
        String side = levels(b.getBids(), true);
        if (side != null) {
            return "bids " + side;
        }
        side = levels(b.getAsks(), false);
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

    private static String levels(List<PriceLevel> levels, boolean descending) {
        double prev = Double.NaN;
        for (PriceLevel l : levels) {
            if (!(l.getPrice() > 0) || Double.isInfinite(l.getPrice())) {
                return "price " + l.getPrice() + " is not a finite positive number";
            }
            if (!(l.getQuantity() >= 0) || Double.isInfinite(l.getQuantity())) {
                return "quantity " + l.getQuantity() + " is negative or not finite";
            }
            if (!Double.isNaN(prev) && (descending ? l.getPrice() >= prev : l.getPrice() <= prev)) {
                return "not sorted best first at price " + l.getPrice();
            }
            prev = l.getPrice();
        }
        return null;
    }

    static String control(ControlCommand c) {
        if (c.getTarget().isBlank()) {
            return "control command " + c.getCommandId() + " without target";
        }
        return null;
    }
}
