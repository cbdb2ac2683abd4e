package io.tauflow.ingest;

import static io.tauflow.testing.TestRecords.candle;
import static io.tauflow.testing.TestRecords.control;
import static io.tauflow.testing.TestRecords.level;
import static io.tauflow.testing.TestRecords.sentiment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tauflow.schema.Candle;
import io.tauflow.schema.ControlCommand;
import io.tauflow.schema.ControlScope;
import io.tauflow.schema.ControlType;
import io.tauflow.schema.DeadLetter;
import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.SentimentScore;
import io.tauflow.sentiment.LexiconScorer;
import io.tauflow.testing.TestRecords;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class InboundDeserializerTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final long KAFKA_TS = T0.plusSeconds(1).toEpochMilli();
    private static final String TOPIC = "md.candles";
    private static final int PARTITION = 3;
    private static final long OFFSET = 4242L;
    private static final byte[] KEY = "BTCUSDT".getBytes(StandardCharsets.UTF_8);

    @Test
    void decodesACandleWithItsKafkaCoordinates() {
        Candle c = candle("BTCUSDT", T0, 100.0, 101.0, 99.0, 100.5);

        InboundEvent e =
                InboundDeserializer.candles(InputLimits.DEFAULTS)
                        .decode(
                                TOPIC,
                                PARTITION,
                                OFFSET,
                                KAFKA_TS,
                                KEY,
                                AvroCodec.of(Candle.class).encode(c));

        assertThat(e.kind).isEqualTo(InboundEvent.Kind.CANDLE);
        assertThat(e.candle).isEqualTo(c);
        assertThat(e.sourceTopic).isEqualTo(TOPIC);
        assertThat(e.partition).isEqualTo(PARTITION);
        assertThat(e.offset).isEqualTo(OFFSET);
        assertThat(e.kafkaTimestampMs).isEqualTo(KAFKA_TS);
        assertThat(e.eventTimeMs()).isEqualTo(T0.toEpochMilli());
        assertThat(e.symbol()).isEqualTo("BTCUSDT");
        assertThat(e.deadLetter).isNull();
    }

    @Test
    void scoresSentimentTextsThatCarryNoScoreWithTheBundledLexicon() {
        String headline = "Shares surge after record profit, analysts upgrade the stock";
        SentimentScore raw = sentiment("BTCUSDT", T0, Double.NaN);
        raw.setText(headline);
        raw.setSource("newswire");
        SentimentScore scored = decodeSentiment(raw).sentiment;

        double expected = LexiconScorer.bundled().score(headline);
        assertThat(expected).isGreaterThan(0.0); // the headline has positive words to score
        assertThat(scored.getScore()).isEqualTo(expected);
        assertThat(scored.getSource()).isEqualTo(LexiconScorer.BUNDLED_SOURCE);
        assertThat(
                        InboundValidator.problem(
                                InboundEvent.sentiment(scored),
                                InputLimits.DEFAULTS,
                                T0.toEpochMilli()))
                .isNull();

        String bearish = "Company misses estimates, shares plunge on fraud probe";
        SentimentScore down = sentiment("BTCUSDT", T0, Double.NaN);
        down.setText(bearish);
        assertThat(decodeSentiment(down).sentiment.getScore())
                .isEqualTo(LexiconScorer.bundled().score(bearish))
                .isLessThan(0.0);

        // a record with its own score keeps it, text or not
        SentimentScore own = sentiment("BTCUSDT", T0, 3.5);
        own.setText(bearish);
        assertThat(decodeSentiment(own).sentiment.getScore()).isEqualTo(3.5);

        // no score and no text: nothing to use, the validator refuses it
        SentimentScore empty = sentiment("BTCUSDT", T0, Double.NaN);
        InboundEvent e = decodeSentiment(empty);
        assertThat(e.sentiment.getScore()).isNaN();
        assertThat(InboundValidator.problem(e, InputLimits.DEFAULTS, T0.toEpochMilli()))
                .contains("no score");
    }

    private static InboundEvent decodeSentiment(SentimentScore s) {
        return InboundDeserializer.sentiment(InputLimits.DEFAULTS)
                .decode(
                        "md.sentiment",
                        0,
                        1,
                        KAFKA_TS,
                        null,
                        AvroCodec.of(SentimentScore.class).encode(s));
    }

    @Test
    void decodesEachInputKind() {
        SentimentScore s = sentiment("BTCUSDT", T0, 3.5);
        OrderBookSnapshot b =
                TestRecords.book(
                        "BTCUSDT", T0, List.of(level(99.0, 1.0)), List.of(level(101.0, 2.0)));
        ControlCommand cmd =
                control("c-1", T0, ControlType.KILL_SWITCH_ON, ControlScope.ACCOUNT, "acct-1");

        InboundEvent se =
                InboundDeserializer.sentiment(InputLimits.DEFAULTS)
                        .decode(
                                "md.sentiment",
                                0,
                                1,
                                KAFKA_TS,
                                null,
                                AvroCodec.of(SentimentScore.class).encode(s));
        InboundEvent be =
                InboundDeserializer.orderBook(InputLimits.DEFAULTS)
                        .decode(
                                "md.orderbook",
                                0,
                                2,
                                KAFKA_TS,
                                null,
                                AvroCodec.of(OrderBookSnapshot.class).encode(b));
        InboundEvent ce =
                InboundDeserializer.control(InputLimits.DEFAULTS)
                        .decode(
                                "ctl.commands",
                                0,
                                3,
                                KAFKA_TS,
                                null,
                                AvroCodec.of(ControlCommand.class).encode(cmd));

        assertThat(se.kind).isEqualTo(InboundEvent.Kind.SENTIMENT);
        assertThat(se.sentiment).isEqualTo(s);
        assertThat(be.kind).isEqualTo(InboundEvent.Kind.BOOK);
        assertThat(be.book).isEqualTo(b);
        assertThat(ce.kind).isEqualTo(InboundEvent.Kind.CONTROL);
        assertThat(ce.control).isEqualTo(cmd);
        assertThat(ce.offset).isEqualTo(3);
        assertThat(ce.symbol()).isEmpty();
    }

    @Test
    void corruptBytesBecomeADeadLetterWithCoordinatesAndReason() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);

        InboundEvent e =
                InboundDeserializer.candles(InputLimits.DEFAULTS)
                        .decode(TOPIC, PARTITION, OFFSET, KAFKA_TS, KEY, garbage);

        assertThat(e.kind).isEqualTo(InboundEvent.Kind.UNDECODABLE);
        assertThat(e.candle).isNull();
        DeadLetter d = e.deadLetter;
        assertThat(d.getSourceTopic()).isEqualTo(TOPIC);
        assertThat(d.getPartition()).isEqualTo(PARTITION);
        assertThat(d.getOffset()).isEqualTo(OFFSET);
        assertThat(d.getKafkaTimestampMs()).isEqualTo(KAFKA_TS);
        assertThat(d.getReason()).startsWith("undecodable candle record: ");
        assertThat(d.getKey()).isEqualTo(ByteBuffer.wrap(KEY));
        assertThat(d.getPayload()).isEqualTo(ByteBuffer.wrap(garbage));
        // the event carries the same coordinates, so later stages can route it
        assertThat(e.sourceTopic).isEqualTo(TOPIC);
        assertThat(e.partition).isEqualTo(PARTITION);
        assertThat(e.offset).isEqualTo(OFFSET);
        assertThat(e.eventTimeMs()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void trailingBytesAreUndecodable() {
        byte[] valid = AvroCodec.of(Candle.class).encode(candle("BTCUSDT", T0, 100.0));
        byte[] withTrailer = Arrays.copyOf(valid, valid.length + 2);

        InboundEvent e =
                InboundDeserializer.candles(InputLimits.DEFAULTS)
                        .decode(TOPIC, PARTITION, OFFSET, KAFKA_TS, null, withTrailer);

        assertThat(e.kind).isEqualTo(InboundEvent.Kind.UNDECODABLE);
        assertThat(e.deadLetter.getReason()).contains("trailing bytes");
        assertThat(e.deadLetter.getKey()).isNull();
        assertThat(e.deadLetter.getPayload()).isEqualTo(ByteBuffer.wrap(withTrailer));
    }

    @Test
    void aTombstoneIsUndecodableWithoutPayload() {
        InboundEvent e =
                InboundDeserializer.sentiment(InputLimits.DEFAULTS)
                        .decode("md.sentiment", 0, 7, KAFKA_TS, KEY, null);

        assertThat(e.kind).isEqualTo(InboundEvent.Kind.UNDECODABLE);
        assertThat(e.deadLetter.getReason())
                .startsWith("undecodable sentiment record: ")
                .contains("tombstone");
        assertThat(e.deadLetter.getPayload()).isNull();
        assertThat(e.deadLetter.getOffset()).isEqualTo(7);
    }

    @Test
    void aHugeLengthPrefixIsUndecodableNotAnOutOfMemoryError() throws Exception {
        // the Avro encoding of a long, read by the decoder as the venue string's length
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        enc.writeLong(Integer.MAX_VALUE - 8L);
        enc.flush();
        byte[] poison = out.toByteArray();
        InboundEvent[] result = new InboundEvent[1];

        // catchThrowable: an OutOfMemoryError must fail this test, not abort the JUnit run
        Throwable thrown =
                catchThrowable(
                        () ->
                                result[0] =
                                        InboundDeserializer.candles(InputLimits.DEFAULTS)
                                                .decode(
                                                        TOPIC, PARTITION, OFFSET, KAFKA_TS, KEY,
                                                        poison));

        assertThat(poison).hasSize(5);
        assertThat(thrown).as("decode must never throw").isNull();
        assertThat(result[0].kind).isEqualTo(InboundEvent.Kind.UNDECODABLE);
    }

    @Test
    void deserializeReadsTheConsumerRecord() throws Exception {
        Candle c = candle("BTCUSDT", T0, 100.0);
        byte[] garbage = {1, 2, 3};
        List<InboundEvent> out = new ArrayList<>();
        ListCollector<InboundEvent> collector = new ListCollector<>(out);
        InboundDeserializer d = InboundDeserializer.candles(InputLimits.DEFAULTS);

        d.deserialize(
                new ConsumerRecord<>(
                        TOPIC, PARTITION, OFFSET, KEY, AvroCodec.of(Candle.class).encode(c)),
                collector);
        d.deserialize(new ConsumerRecord<>(TOPIC, PARTITION, OFFSET + 1, KEY, garbage), collector);

        assertThat(out).hasSize(2);
        assertThat(out.get(0).kind).isEqualTo(InboundEvent.Kind.CANDLE);
        assertThat(out.get(0).candle).isEqualTo(c);
        assertThat(out.get(0).offset).isEqualTo(OFFSET);
        assertThat(out.get(1).kind).isEqualTo(InboundEvent.Kind.UNDECODABLE);
        assertThat(out.get(1).deadLetter.getOffset()).isEqualTo(OFFSET + 1);
        assertThat(d.getProducedType()).isEqualTo(TypeInformation.of(InboundEvent.class));
    }
}
