package io.tauflow.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.NoWatermarksGenerator;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * The watermark strategy of the job's sources, which also decides, record by record and before the
 * watermark sees it, whether the job can use it: {@link InboundValidator} (bounds, shape, clock)
 * and, for market data, the {@link PartitionClock} of the record's topic partition. A refused
 * record becomes an {@link InboundEvent.Kind#UNDECODABLE} event carrying its dead letter, gets no
 * event time ({@link Long#MIN_VALUE}) and so never moves the watermark: a record stamped years
 * ahead, or an invalid one with a wild time, cannot make the good records after it late.
 *
 * <p>Flink creates one timestamp assigner per source subtask and calls it for each record before
 * emitting it, so the check runs exactly once per record, in the source, whatever the source is.
 */
public final class InboundAdmission implements WatermarkStrategy<InboundEvent> {

    private static final long serialVersionUID = 1L;

    private final InputLimits limits;
    private final Duration outOfOrderness;
    private final boolean watermarks;
    private final SerializableSupplier<Long> clock;

    private InboundAdmission(
            InputLimits limits,
            Duration outOfOrderness,
            boolean watermarks,
            SerializableSupplier<Long> clock) {
        this.limits = limits;
        this.outOfOrderness = outOfOrderness;
        this.watermarks = watermarks;
        this.clock = clock;
    }

    /** Market data: admission, event time, and bounded out-of-orderness watermarks. */
    public static InboundAdmission market(InputLimits limits, Duration outOfOrderness) {
        return new InboundAdmission(limits, outOfOrderness, true, System::currentTimeMillis);
    }

    /** Control commands: admission only; records keep their Kafka timestamp, no watermarks. */
    public static InboundAdmission control(InputLimits limits) {
        return new InboundAdmission(limits, Duration.ZERO, false, System::currentTimeMillis);
    }

    /** The same strategy reading the wall clock from {@code clock} (tests). */
    public InboundAdmission withClock(SerializableSupplier<Long> clock) {
        return new InboundAdmission(limits, outOfOrderness, watermarks, clock);
    }

    @Override
    public TimestampAssigner<InboundEvent> createTimestampAssigner(
            TimestampAssignerSupplier.Context context) {
        return new Admission(limits, watermarks, clock);
    }

    @Override
    public WatermarkGenerator<InboundEvent> createWatermarkGenerator(
            WatermarkGeneratorSupplier.Context context) {
        return watermarks
                ? new BoundedOutOfOrdernessWatermarks<>(outOfOrderness)
                : new NoWatermarksGenerator<>();
    }

    /** The per-subtask check, with a {@link PartitionClock} per topic partition it reads. */
    static final class Admission implements TimestampAssigner<InboundEvent> {
        private final InputLimits limits;
        private final boolean eventTime;
        private final SerializableSupplier<Long> clock;
        private final Map<String, Map<Integer, PartitionClock>> clocks = new HashMap<>();

        Admission(InputLimits limits, boolean eventTime, SerializableSupplier<Long> clock) {
            this.limits = limits;
            this.eventTime = eventTime;
            this.clock = clock;
        }

        @Override
        public long extractTimestamp(InboundEvent e, long recordTimestamp) {
            if (e.kind == InboundEvent.Kind.UNDECODABLE) {
                return Long.MIN_VALUE;
            }
            String problem = InboundValidator.problem(e, limits, clock.get());
            if (problem == null && eventTime && e.kind != InboundEvent.Kind.CONTROL) {
                problem = clockOf(e).admit(e.eventTimeMs());
            }
            if (problem != null) {
                e.reject(
                        "invalid " + e.kind.name().toLowerCase() + ": " + problem,
                        limits.deadLetterMaxBytes());
                return Long.MIN_VALUE;
            }
            return eventTime ? e.eventTimeMs() : recordTimestamp;
        }

        private PartitionClock clockOf(InboundEvent e) {
            String topic = e.sourceTopic == null ? "" : e.sourceTopic;
            return clocks.computeIfAbsent(topic, t -> new HashMap<>())
                    .computeIfAbsent(e.partition, p -> new PartitionClock(limits));
        }
    }
}
