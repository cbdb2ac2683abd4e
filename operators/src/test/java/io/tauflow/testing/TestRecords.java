package io.tauflow.testing;

import io.tauflow.schema.Candle;
import io.tauflow.schema.ControlCommand;
import io.tauflow.schema.ControlScope;
import io.tauflow.schema.ControlType;
import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.PriceLevel;
import io.tauflow.schema.SentimentScore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/** Small builders for the wire records the operators read, and harness helpers. */
public final class TestRecords {

    public static final long MINUTE_MS = 60_000L;

    private TestRecords() {}

    /** A one-minute bar whose open, high, low and close are all {@code close}. */
    public static Candle candle(String symbol, Instant openTime, double close) {
        return candle(symbol, openTime, close, close, close, close);
    }

    public static Candle candle(
            String symbol, Instant openTime, double open, double high, double low, double close) {
        return Candle.newBuilder()
                .setVenue("TEST")
                .setSymbol(symbol)
                .setOpenTimeMs(openTime.toEpochMilli())
                .setIntervalMs(MINUTE_MS)
                .setOpen(open)
                .setHigh(high)
                .setLow(low)
                .setClose(close)
                .setVolume(10.0)
                .setTrades(null)
                .setTakerBuyVolume(null)
                .build();
    }

    public static SentimentScore sentiment(String symbol, Instant time, double score) {
        return SentimentScore.newBuilder()
                .setSymbol(symbol)
                .setEventTimeMs(time.toEpochMilli())
                .setScore(score)
                .setSource("test")
                .setText(null)
                .build();
    }

    public static PriceLevel level(double price, double quantity) {
        return PriceLevel.newBuilder().setPrice(price).setQuantity(quantity).build();
    }

    public static OrderBookSnapshot book(
            String symbol, Instant time, List<PriceLevel> bids, List<PriceLevel> asks) {
        return OrderBookSnapshot.newBuilder()
                .setVenue("TEST")
                .setSymbol(symbol)
                .setEventTimeMs(time.toEpochMilli())
                .setBids(new ArrayList<>(bids))
                .setAsks(new ArrayList<>(asks))
                .build();
    }

    public static ControlCommand control(
            String id, Instant issuedAt, ControlType type, ControlScope scope, String target) {
        return ControlCommand.newBuilder()
                .setCommandId(id)
                .setIssuedAtMs(issuedAt.toEpochMilli())
                .setType(type)
                .setScope(scope)
                .setTarget(target)
                .setReason(null)
                .build();
    }

    /** The values a harness emitted on a side output; empty when nothing was emitted there. */
    public static <X> List<X> sideValues(
            AbstractStreamOperatorTestHarness<?> harness, OutputTag<X> tag) {
        return values(harness.getSideOutput(tag));
    }

    /** The records (with timestamps) a harness emitted on a side output. */
    public static <X> List<StreamRecord<X>> sideRecords(
            AbstractStreamOperatorTestHarness<?> harness, OutputTag<X> tag) {
        Collection<StreamRecord<X>> records = harness.getSideOutput(tag);
        return records == null ? List.of() : new ArrayList<>(records);
    }

    private static <X> List<X> values(Collection<StreamRecord<X>> records) {
        List<X> out = new ArrayList<>();
        if (records != null) {
            for (StreamRecord<X> r : records) {
                out.add(r.getValue());
            }
        }
        return out;
    }
}
