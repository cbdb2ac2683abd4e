package io.tauflow.ingest;

import static io.tauflow.testing.TestRecords.candle;
import static io.tauflow.testing.TestRecords.control;
import static io.tauflow.testing.TestRecords.sentiment;
import static io.tauflow.testing.TestRecords.sideRecords;
import static io.tauflow.testing.TestRecords.sideValues;
import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.schema.Candle;
import io.tauflow.schema.ControlScope;
import io.tauflow.schema.ControlType;
import io.tauflow.schema.DeadLetter;
import io.tauflow.schema.SentimentScore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InboundRouterTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final long KAFKA_TS = T0.plusMillis(250).toEpochMilli();

    private OneInputStreamOperatorTestHarness<InboundEvent, InboundEvent> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forProcessFunction(new InboundRouter());
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static InboundEvent fromKafka(InboundEvent e, long offset) {
        return e.from("md.candles", 2, offset, KAFKA_TS);
    }

    /**
     * Passes {@code e} through the sources' admission, as the job's sources do before the router,
     * then to the router with the timestamp admission gave it.
     */
    private void viaSource(InboundEvent e) throws Exception {
        long ts =
                InboundAdmission.market(InputLimits.DEFAULTS, java.time.Duration.ofSeconds(5))
                        .createTimestampAssigner(null)
                        .extractTimestamp(e, KAFKA_TS);
        harness.processElement(e, ts);
    }

    @Test
    void validRecordsPassUnchanged() throws Exception {
        InboundEvent c = fromKafka(InboundEvent.candle(candle("BTCUSDT", T0, 100.0)), 10);
        InboundEvent s =
                InboundEvent.sentiment(sentiment("BTCUSDT", T1, -2.5))
                        .from("md.sentiment", 0, 11, KAFKA_TS);
        InboundEvent k =
                InboundEvent.control(
                                control(
                                        "c-1",
                                        T1,
                                        ControlType.KILL_SWITCH_ON,
                                        ControlScope.ACCOUNT,
                                        "acct-1"))
                        .from("ctl.commands", 0, 12, KAFKA_TS);

        harness.processElement(c, T0.toEpochMilli());
        harness.processElement(s, T1.toEpochMilli());
        harness.processElement(k, T1.toEpochMilli());
        harness.processWatermark(T1.toEpochMilli());

        assertThat(harness.extractOutputValues()).containsExactly(c, s, k);
        assertThat(harness.extractOutputStreamRecords())
                .extracting(StreamRecord::getTimestamp)
                .containsExactly(T0.toEpochMilli(), T1.toEpochMilli(), T1.toEpochMilli());
        assertThat(sideValues(harness, InboundRouter.DEAD_LETTERS)).isEmpty();
    }

    @Test
    void undecodableRecordsGoToDeadLettersUnchanged() throws Exception {
        DeadLetter original =
                DeadLetter.newBuilder()
                        .setSourceTopic("md.candles")
                        .setPartition(2)
                        .setOffset(99)
                        .setKafkaTimestampMs(KAFKA_TS)
                        .setReason("undecodable candle record: EOFException")
                        .setKey(ByteBuffer.wrap("BTCUSDT".getBytes(StandardCharsets.UTF_8)))
                        .setPayload(
                                ByteBuffer.wrap("not avro at all".getBytes(StandardCharsets.UTF_8)))
                        .build();
        DeadLetter expected = DeadLetter.newBuilder(original).build();

        harness.processElement(InboundEvent.undecodable(original), KAFKA_TS);

        assertThat(harness.extractOutputValues()).isEmpty();
        List<DeadLetter> dead = sideValues(harness, InboundRouter.DEAD_LETTERS);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0)).isEqualTo(expected);
    }

    @Test
    void anInvalidCandleBecomesADeadLetterWithItsAvroBytes() throws Exception {
        // high (100.4) below close (100.5)
        Candle bad = candle("BTCUSDT", T0, 100.0, 100.4, 99.0, 100.5);
        InboundEvent e = fromKafka(InboundEvent.candle(bad), 77);

        viaSource(e);

        assertThat(harness.extractOutputValues()).isEmpty();
        List<StreamRecord<DeadLetter>> dead = sideRecords(harness, InboundRouter.DEAD_LETTERS);
        assertThat(dead).hasSize(1);
        DeadLetter d = dead.get(0).getValue();
        assertThat(d.getReason()).startsWith("invalid candle: ").contains("high/low");
        assertThat(d.getSourceTopic()).isEqualTo("md.candles");
        assertThat(d.getPartition()).isEqualTo(2);
        assertThat(d.getOffset()).isEqualTo(77);
        assertThat(d.getKafkaTimestampMs()).isEqualTo(KAFKA_TS);
        assertThat(d.getKey()).isNull();
        byte[] expectedPayload = AvroCodec.of(Candle.class).encode(bad);
        assertThat(d.getPayload()).isEqualTo(ByteBuffer.wrap(expectedPayload));
        assertThat(AvroCodec.of(Candle.class).decode(bytes(d.getPayload()))).isEqualTo(bad);
        assertThat(d.getTruncated()).isFalse();
        assertThat(d.getPayloadBytes()).isEqualTo(expectedPayload.length);
        // a refused record has no event time: it never moved the watermark
        assertThat(dead.get(0).getTimestamp()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void anInvalidSentimentNamesItsKind() throws Exception {
        SentimentScore bad = sentiment("BTCUSDT", T0, 11.0);

        viaSource(InboundEvent.sentiment(bad).from("md.sentiment", 1, 5, KAFKA_TS));

        List<DeadLetter> dead = sideValues(harness, InboundRouter.DEAD_LETTERS);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getReason())
                .isEqualTo("invalid sentiment: sentiment score 11.0 outside -10..+10");
        assertThat(dead.get(0).getSourceTopic()).isEqualTo("md.sentiment");
        assertThat(AvroCodec.of(SentimentScore.class).decode(bytes(dead.get(0).getPayload())))
                .isEqualTo(bad);
    }

    @Test
    void goodAndBadRecordsAreSeparatedInOrder() throws Exception {
        InboundEvent good1 = fromKafka(InboundEvent.candle(candle("A", T0, 10.0)), 1);
        InboundEvent bad = fromKafka(InboundEvent.candle(candle("A", T0, 10, 9, 8, 10)), 2);
        InboundEvent good2 = fromKafka(InboundEvent.candle(candle("A", T1, 11.0)), 3);

        viaSource(good1);
        viaSource(bad);
        viaSource(good2);

        assertThat(harness.extractOutputValues()).containsExactly(good1, good2);
        assertThat(sideValues(harness, InboundRouter.DEAD_LETTERS))
                .extracting(DeadLetter::getOffset)
                .containsExactly(2L);
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer copy = b.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
