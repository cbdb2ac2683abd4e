package io.tauflow.ingest;

import static io.tauflow.testing.TestRecords.candle;
import static io.tauflow.testing.TestRecords.control;
import static io.tauflow.testing.TestRecords.sentiment;
import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.schema.Candle;
import io.tauflow.schema.ControlScope;
import io.tauflow.schema.ControlType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

/**
 * The sources' admission as Flink drives it per split: the assigner, then the watermark generator
 * with the timestamp it gave.
 */
class InboundAdmissionTest {

    private static final Instant T0 = Instant.parse("2013-10-04T14:04:00Z");
    private static final long NOW = Instant.parse("2026-12-03T09:00:00Z").toEpochMilli();
    private static final long KAFKA_TS = NOW - 1_000;

    private final InboundAdmission market =
            InboundAdmission.market(InputLimits.DEFAULTS, Duration.ofSeconds(5))
                    .withClock(() -> NOW);
    private final TimestampAssigner<InboundEvent> assigner = market.createTimestampAssigner(null);
    private final WatermarkGenerator<InboundEvent> generator =
            market.createWatermarkGenerator(null);
    private final List<Long> watermarks = new ArrayList<>();
    private final WatermarkOutput output =
            new WatermarkOutput() {
                @Override
                public void emitWatermark(Watermark w) {
                    watermarks.add(w.getTimestamp());
                }

                @Override
                public void markIdle() {}

                @Override
                public void markActive() {}
            };

    private long offset;

    /** One record of partition {@code partition}, as the source handles it; its timestamp. */
    private long read(InboundEvent e, int partition) {
        e.from("md.candles", partition, offset++, KAFKA_TS);
        long ts = assigner.extractTimestamp(e, KAFKA_TS);
        generator.onEvent(e, ts, output);
        return ts;
    }

    private long watermark() {
        generator.onPeriodicEmit(output);
        return watermarks.get(watermarks.size() - 1);
    }

    private static InboundEvent bar(Instant t, double close) {
        return InboundEvent.candle(candle("SPY", t, close));
    }

    @Test
    void refusedRecordsGetNoEventTimeAndLeaveTheWatermarkWhereItWas() {
        assertThat(read(bar(T0, 100.0), 0)).isEqualTo(T0.toEpochMilli());
        long expected = T0.toEpochMilli() - 5_000 - 1;
        assertThat(watermark()).isEqualTo(expected);

        InboundEvent year2100 = bar(Instant.parse("2100-01-01T00:00:00Z"), 100.0);
        InboundEvent endOfTime = bar(Instant.ofEpochMilli(Long.MAX_VALUE), 100.0);
        Candle wild = candle("SPY", Instant.ofEpochMilli(Long.MAX_VALUE - 1), 100.0);
        wild.setClose(Double.NaN);
        InboundEvent invalidAndFuture = InboundEvent.candle(wild);
        InboundEvent yearsAhead = bar(Instant.parse("2015-06-01T00:00:00Z"), 100.0);
        InboundEvent before1970 =
                InboundEvent.sentiment(sentiment("SPY", Instant.ofEpochMilli(-60_000), 1.0));
        for (InboundEvent bad :
                List.of(year2100, endOfTime, invalidAndFuture, yearsAhead, before1970)) {
            assertThat(read(bad, 0)).as(bad.toString()).isEqualTo(Long.MIN_VALUE);
            assertThat(bad.kind).isEqualTo(InboundEvent.Kind.UNDECODABLE);
            assertThat(bad.deadLetter.getPartition()).isZero();
        }
        assertThat(year2100.deadLetter.getReason())
                .startsWith("invalid candle: candle open time 4102444800000 is ")
                .contains("ahead of the job's clock");
        assertThat(invalidAndFuture.deadLetter.getReason()).contains("ahead of the job's clock");
        assertThat(yearsAhead.deadLetter.getReason())
                .startsWith("invalid candle: event time 1433116800000 jumps");
        assertThat(before1970.deadLetter.getReason())
                .isEqualTo(
                        "invalid sentiment: sentiment time -60000 is not a positive epoch ms (before 1970-01-01)");
        assertThat(watermark()).isEqualTo(expected);

        // the next good bar carries on as if nothing had happened
        assertThat(read(bar(T0.plusSeconds(60), 100.1), 0)).isEqualTo(T0.toEpochMilli() + 60_000);
        assertThat(watermark()).isEqualTo(expected + 60_000);
    }

    @Test
    void eachPartitionHasItsOwnReference() {
        read(bar(T0, 100.0), 0);
        // partition 1 starts years later: its own first record is its reference
        InboundEvent later = bar(Instant.parse("2021-04-17T00:00:00Z"), 100.0);
        assertThat(read(later, 1)).isEqualTo(later.eventTimeMs());
        InboundEvent jump = bar(Instant.parse("2021-04-17T00:00:00Z"), 100.0);
        assertThat(read(jump, 0)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void controlCommandsKeepTheirKafkaTimestampWhateverTheirIssueTime() {
        TimestampAssigner<InboundEvent> control =
                InboundAdmission.control(InputLimits.DEFAULTS).createTimestampAssigner(null);
        InboundEvent kill =
                InboundEvent.control(
                                control(
                                        "c-1",
                                        Instant.parse("2100-01-01T00:00:00Z"),
                                        ControlType.KILL_SWITCH_ON,
                                        ControlScope.ACCOUNT,
                                        "paper"))
                        .from("ctl.commands", 0, 0, KAFKA_TS);
        assertThat(control.extractTimestamp(kill, KAFKA_TS)).isEqualTo(KAFKA_TS);
        assertThat(kill.kind).isEqualTo(InboundEvent.Kind.CONTROL);
        InboundEvent noTarget =
                InboundEvent.control(
                                control(
                                        "c-2",
                                        T0,
                                        ControlType.KILL_SWITCH_ON,
                                        ControlScope.ACCOUNT,
                                        " "))
                        .from("ctl.commands", 0, 1, KAFKA_TS);
        assertThat(control.extractTimestamp(noTarget, KAFKA_TS)).isEqualTo(Long.MIN_VALUE);
        assertThat(noTarget.deadLetter.getReason())
                .isEqualTo("invalid control: control command c-2 without target");
    }
}
