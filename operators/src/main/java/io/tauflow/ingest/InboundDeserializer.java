package io.tauflow.ingest;

import io.tauflow.schema.Candle;
import io.tauflow.schema.ControlCommand;
import io.tauflow.schema.DeadLetter;
import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.SentimentScore;
import io.tauflow.sentiment.LexiconScorer;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes the Avro value of one input topic into an {@link InboundEvent}. A record that cannot be
 * decoded does not fail the job: it becomes an {@code UNDECODABLE} event carrying a {@link
 * DeadLetter} with its topic, partition, offset and the reason.
 */
public final class InboundDeserializer implements KafkaRecordDeserializationSchema<InboundEvent> {

    private static final long serialVersionUID = 1L;

    private final InboundEvent.Kind kind;
    private final AvroCodec<?> codec;
    private final int deadLetterMaxBytes;

    /** The bundled lexicon, loaded at the first sentiment text without a score. */
    private transient LexiconScorer lexicon;

    private InboundDeserializer(
            InboundEvent.Kind kind, AvroCodec<?> codec, int deadLetterMaxBytes) {
        this.kind = kind;
        this.codec = codec;
        this.deadLetterMaxBytes = deadLetterMaxBytes;
    }

    /**
     * Candles; a dead letter keeps at most {@code limits.deadLetterMaxBytes()} of key and value.
     */
    public static InboundDeserializer candles(InputLimits limits) {
        return new InboundDeserializer(
                InboundEvent.Kind.CANDLE, AvroCodec.of(Candle.class), limits.deadLetterMaxBytes());
    }

    public static InboundDeserializer sentiment(InputLimits limits) {
        return new InboundDeserializer(
                InboundEvent.Kind.SENTIMENT,
                AvroCodec.of(SentimentScore.class),
                limits.deadLetterMaxBytes());
    }

    public static InboundDeserializer orderBook(InputLimits limits) {
        return new InboundDeserializer(
                InboundEvent.Kind.BOOK,
                AvroCodec.of(OrderBookSnapshot.class),
                limits.deadLetterMaxBytes());
    }

    public static InboundDeserializer control(InputLimits limits) {
        return new InboundDeserializer(
                InboundEvent.Kind.CONTROL,
                AvroCodec.of(ControlCommand.class),
                limits.deadLetterMaxBytes());
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<InboundEvent> out) {
        out.collect(
                decode(
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.timestamp(),
                        record.key(),
                        record.value()));
    }

    /** Decodes one value; never throws. */
    public InboundEvent decode(
            String topic, int partition, long offset, long timestampMs, byte[] key, byte[] value) {
        try {
            Object decoded = codec.decode(value);
            InboundEvent e = wrap(decoded).from(topic, partition, offset, timestampMs);
            e.arrivalMs = System.currentTimeMillis();
            return e;
        } catch (Exception | StackOverflowError e) {
            String reason = "undecodable " + kind.name().toLowerCase() + " record: " + describe(e);
            return InboundEvent.undecodable(
                    DeadLetters.of(
                            topic,
                            partition,
                            offset,
                            timestampMs,
                            reason,
                            key,
                            value,
                            deadLetterMaxBytes));
        }
    }

    private InboundEvent wrap(Object decoded) {
        switch (kind) {
            case CANDLE:
                return InboundEvent.candle((Candle) decoded);
            case SENTIMENT:
                return InboundEvent.sentiment(scored((SentimentScore) decoded));
            case BOOK:
                return InboundEvent.book((OrderBookSnapshot) decoded);
            case CONTROL:
                return InboundEvent.control((ControlCommand) decoded);
            default:
                throw new IllegalStateException("no decoder for " + kind);
        }
    }

    /**
     * A sentiment record as the job uses it: one that carries text and no score (score NaN, which
     * Avro writes as it does any double) is scored with the bundled lexicon ({@link
     * LexiconScorer#bundled()}, source {@link LexiconScorer#BUNDLED_SOURCE}); any other is
     * unchanged (a NaN score without text is refused by the validator).
     */
    SentimentScore scored(SentimentScore s) {
        if (!Double.isNaN(s.getScore()) || s.getText() == null || s.getText().isBlank()) {
            return s;
        }
        if (lexicon == null) {
            lexicon = LexiconScorer.bundled();
        }
        s.setScore(lexicon.score(s.getText().toString()));
        s.setSource(LexiconScorer.BUNDLED_SOURCE);
        return s;
    }

    private static String describe(Throwable e) {
        String msg = e.getMessage();
        return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }

    @Override
    public TypeInformation<InboundEvent> getProducedType() {
        return TypeInformation.of(InboundEvent.class);
    }
}
