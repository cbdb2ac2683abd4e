package io.tauflow.ingest;

import io.tauflow.schema.Candle;
import io.tauflow.schema.ControlCommand;
import io.tauflow.schema.DeadLetter;
import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.SentimentScore;
import java.util.Objects;

/**
 * One record read from an input topic: exactly one of the payload fields is set, named by {@link
 * #kind}, and the Kafka coordinates travel with it so that anything rejected later (invalid, late)
 * can still be dead-lettered with its topic, partition and offset. A record the job cannot use is
 * of kind {@link Kind#UNDECODABLE} and carries only its {@link DeadLetter}.
 */
public class InboundEvent {

    static {
        // the Candle and other records inside cross network exchanges and sit in state
        AvroCoders.enable();
    }

    /** What the record holds. */
    public enum Kind {
        BOOK,
        SENTIMENT,
        CANDLE,
        CONTROL,
        /**
         * Not usable: undecodable, or refused at the source (invalid, or its event time jumps); the
         * dead letter says which. The name stays for the savepoints that hold this enum.
         */
        UNDECODABLE
    }

    public Kind kind;
    public Candle candle;
    public SentimentScore sentiment;
    public OrderBookSnapshot book;
    public ControlCommand control;
    public DeadLetter deadLetter;
    public String sourceTopic;
    public int partition;
    public long offset;
    public long kafkaTimestampMs;

    /**
     * Wall-clock time (epoch ms) the source decoded the record: the start of the decision latency
     * ({@code decisionLatencyMs}); 0 when not read from a source. Never decides anything.
     */
    public long arrivalMs;

    public InboundEvent() {}

    public static InboundEvent candle(Candle c) {
        InboundEvent e = new InboundEvent();
        e.kind = Kind.CANDLE;
        e.candle = c;
        return e;
    }

    public static InboundEvent sentiment(SentimentScore s) {
        InboundEvent e = new InboundEvent();
        e.kind = Kind.SENTIMENT;
        e.sentiment = s;
        return e;
    }

    public static InboundEvent book(OrderBookSnapshot b) {
        InboundEvent e = new InboundEvent();
        e.kind = Kind.BOOK;
        e.book = b;
        return e;
    }

    public static InboundEvent control(ControlCommand c) {
        InboundEvent e = new InboundEvent();
        e.kind = Kind.CONTROL;
        e.control = c;
        return e;
    }

    public static InboundEvent undecodable(DeadLetter d) {
        InboundEvent e = new InboundEvent();
        e.kind = Kind.UNDECODABLE;
        e.deadLetter = d;
        e.sourceTopic = d.getSourceTopic();
        e.partition = d.getPartition();
        e.offset = d.getOffset();
        e.kafkaTimestampMs = d.getKafkaTimestampMs();
        return e;
    }

    /**
     * Turns this decoded record into one the job cannot use, carrying its dead letter (the record
     * re-encoded, cut to {@code maxBytes}) with {@code reason}; returns this.
     */
    public InboundEvent reject(String reason, int maxBytes) {
        deadLetter = DeadLetters.of(this, reason, maxBytes);
        kind = Kind.UNDECODABLE;
        candle = null;
        sentiment = null;
        book = null;
        control = null;
        return this;
    }

    /** Sets where the record was read from; returns this. */
    public InboundEvent from(String topic, int partition, long offset, long kafkaTimestampMs) {
        this.sourceTopic = topic;
        this.partition = partition;
        this.offset = offset;
        this.kafkaTimestampMs = kafkaTimestampMs;
        return this;
    }

    /** Event time of the payload; {@link Long#MIN_VALUE} for undecodable records. */
    public long eventTimeMs() {
        switch (kind) {
            case CANDLE:
                return candle.getOpenTimeMs();
            case SENTIMENT:
                return sentiment.getEventTimeMs();
            case BOOK:
                return book.getEventTimeMs();
            case CONTROL:
                return control.getIssuedAtMs();
            default:
                return Long.MIN_VALUE;
        }
    }

    /** The symbol the payload is about; empty for control commands and undecodable records. */
    public String symbol() {
        switch (kind) {
            case CANDLE:
                return candle.getSymbol();
            case SENTIMENT:
                return sentiment.getSymbol();
            case BOOK:
                return book.getSymbol();
            default:
                return "";
        }
    }

    /** The payload as an Avro record, or null for undecodable records. */
    public org.apache.avro.specific.SpecificRecordBase payload() {
        switch (kind) {
            case CANDLE:
                return candle;
            case SENTIMENT:
                return sentiment;
            case BOOK:
                return book;
            case CONTROL:
                return control;
            default:
                return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof InboundEvent)) {
            return false;
        }
        InboundEvent that = (InboundEvent) o;
        return kind == that.kind
                && partition == that.partition
                && offset == that.offset
                && kafkaTimestampMs == that.kafkaTimestampMs
                && Objects.equals(payload(), that.payload())
                && Objects.equals(deadLetter, that.deadLetter)
                && Objects.equals(sourceTopic, that.sourceTopic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, payload(), sourceTopic, partition, offset);
    }

    @Override
    public String toString() {
        return kind + "@" + sourceTopic + "/" + partition + "/" + offset + " " + payload();
    }
}
