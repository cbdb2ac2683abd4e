package io.tauflow.time;

import static io.tauflow.testing.TestRecords.candle;
import static io.tauflow.testing.TestRecords.sentiment;
import static io.tauflow.testing.TestRecords.sideValues;
import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.ingest.InboundEvent;
import io.tauflow.testing.Harnesses;
import io.tauflow.testing.TestRecords;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventTimeSortOperatorTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);
    private static final Instant T3 = T0.plusSeconds(180);

    private static final TypeInformation<InboundEvent> TYPE =
            TypeInformation.of(InboundEvent.class);
    private static final OutputTag<InboundEvent> LATE =
            new OutputTag<>("late", TypeInformation.of(InboundEvent.class)) {};

    private KeyedOneInputStreamOperatorTestHarness<String, InboundEvent, InboundEvent> harness;

    @BeforeEach
    void setUp() throws Exception {
        // the market sorter exactly as the job builds it
        harness = harness();
        harness.open();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, InboundEvent, InboundEvent>
            harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new EventTimeSortOperator<>(
                        TYPE, InboundEvent::eventTimeMs, (a, b) -> a.kind.compareTo(b.kind), LATE),
                InboundEvent::symbol,
                Types.STRING);
    }

    private EventTimeSortOperator<?> operator() {
        return (EventTimeSortOperator<?>) harness.getOperator();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    // Each record carries a distinct offset so the assertions can tell them apart.
    private static InboundEvent candleAt(String symbol, Instant t, long offset) {
        return InboundEvent.candle(candle(symbol, t, 100.0)).from("md.candles", 0, offset, 0);
    }

    private static InboundEvent sentimentAt(String symbol, Instant t, long offset) {
        return InboundEvent.sentiment(sentiment(symbol, t, 1.0)).from("md.sentiment", 0, offset, 0);
    }

    private static InboundEvent bookAt(String symbol, Instant t, long offset) {
        return InboundEvent.book(
                        TestRecords.book(
                                symbol,
                                t,
                                List.of(TestRecords.level(99.0, 1.0)),
                                List.of(TestRecords.level(101.0, 1.0))))
                .from("md.orderbook", 0, offset, 0);
    }

    private void send(InboundEvent e) throws Exception {
        harness.processElement(e, e.eventTimeMs());
    }

    /** The event times a key's records are held for in the state a checkpoint would take. */
    private Set<Long> pendingTimes(String symbol) throws Exception {
        harness.snapshot(0L, 0L);
        return Harnesses.mapState(harness, symbol, EventTimeSortOperator.pendingDescriptor(TYPE))
                .keySet();
    }

    private List<InboundEvent> released(String symbol) {
        return harness.extractOutputValues().stream()
                .filter(e -> e.symbol().equals(symbol))
                .collect(Collectors.toList());
    }

    @Test
    void releasesOutOfOrderInputInEventTimeOrderWithKindTieBreak() throws Exception {
        InboundEvent candleT2 = candleAt("AAA", T2, 1);
        InboundEvent sentimentT1 = sentimentAt("AAA", T1, 2);
        InboundEvent candleT1 = candleAt("AAA", T1, 3);
        InboundEvent bookT1 = bookAt("AAA", T1, 4);
        InboundEvent bookT2 = bookAt("AAA", T2, 5);
        InboundEvent otherT1 = candleAt("BBB", T1, 6);

        for (InboundEvent e : List.of(candleT2, sentimentT1, candleT1, bookT1, bookT2, otherT1)) {
            send(e);
        }

        assertThat(harness.extractOutputValues()).isEmpty();
        // held on the heap, no timers; a checkpoint writes one map per key
        assertThat(operator().heldCount()).isEqualTo(6);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(pendingTimes("AAA"))
                .containsExactlyInAnyOrder(T1.toEpochMilli(), T2.toEpochMilli());
        assertThat(pendingTimes("BBB")).containsExactly(T1.toEpochMilli());

        harness.processWatermark(T1.toEpochMilli());

        assertThat(released("AAA")).containsExactly(bookT1, sentimentT1, candleT1);
        assertThat(released("BBB")).containsExactly(otherT1);
        assertThat(operator().heldCount()).isEqualTo(2);
        assertThat(pendingTimes("AAA")).containsExactly(T2.toEpochMilli());
        assertThat(pendingTimes("BBB")).isEmpty();

        harness.processWatermark(T2.toEpochMilli());

        assertThat(released("AAA"))
                .containsExactly(bookT1, sentimentT1, candleT1, bookT2, candleT2);
        assertThat(operator().heldCount()).isZero();
        assertThat(pendingTimes("AAA")).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        // released records are stamped with their own event time
        assertThat(harness.extractOutputStreamRecords())
                .allSatisfy(
                        r -> assertThat(r.getTimestamp()).isEqualTo(r.getValue().eventTimeMs()));
        assertThat(sideValues(harness, LATE)).isEmpty();
    }

    @Test
    void holdsRecordsUntilTheWatermarkReachesThem() throws Exception {
        send(candleAt("AAA", T1, 1));
        send(candleAt("AAA", T1, 2));
        send(sentimentAt("AAA", T1, 3));

        harness.processWatermark(T1.toEpochMilli() - 1);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(operator().heldCount()).isEqualTo(3);

        harness.processWatermark(T1.toEpochMilli());

        assertThat(harness.extractOutputValues()).hasSize(3);
        assertThat(operator().heldCount()).isZero();
    }

    @Test
    void recordsTheComparatorCannotTellApartKeepTheirArrivalOrder() throws Exception {
        InboundEvent first = candleAt("AAA", T1, 20);
        InboundEvent second = candleAt("AAA", T1, 10);

        send(first);
        send(second);
        harness.processWatermark(T1.toEpochMilli());

        assertThat(harness.extractOutputValues()).containsExactly(first, second);
    }

    @Test
    void recordsAtOrBehindTheWatermarkGoToTheLateOutput() throws Exception {
        harness.processWatermark(T1.toEpochMilli());

        InboundEvent atWatermark = candleAt("AAA", T1, 1);
        InboundEvent behind = sentimentAt("AAA", T0, 2);
        InboundEvent ahead = candleAt("AAA", T1.plusMillis(1), 3);
        send(atWatermark);
        send(behind);
        send(ahead);

        assertThat(sideValues(harness, LATE)).containsExactly(atWatermark, behind);
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(operator().heldCount()).isEqualTo(1);

        harness.processWatermark(T3.toEpochMilli());

        assertThat(harness.extractOutputValues()).containsExactly(ahead);
        assertThat(harness.extractOutputStreamRecords())
                .extracting(StreamRecord::getTimestamp)
                .containsExactly(T1.toEpochMilli() + 1);
        assertThat(operator().heldCount()).isZero();
    }

    @Test
    void heldRecordsSurviveACheckpointAndRestoreAndReleasedOnesDoNotComeBack() throws Exception {
        InboundEvent early = candleAt("AAA", T1, 1);
        InboundEvent late = candleAt("AAA", T3, 2);
        InboundEvent other = sentimentAt("BBB", T2, 3);
        send(early);
        send(late);
        send(other);
        harness.processWatermark(T1.toEpochMilli());
        // a first checkpoint holds all three keys' records, the second only what is left
        harness.snapshot(1L, T1.toEpochMilli());
        harness.processWatermark(T2.toEpochMilli());
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot =
                harness.snapshot(2L, T2.toEpochMilli());
        assertThat(harness.extractOutputValues()).containsExactly(early, other);
        harness.close();

        harness = harness();
        harness.initializeState(snapshot);
        harness.open();
        assertThat(operator().heldCount()).isEqualTo(1);
        harness.processWatermark(T3.toEpochMilli());

        assertThat(harness.extractOutputValues()).containsExactly(late);
        assertThat(pendingTimes("BBB")).isEmpty();
    }
}
