package io.tauflow.ingest;

import io.tauflow.schema.DeadLetter;
import java.nio.ByteBuffer;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Lets valid records through and sends everything else, undecodable or invalid, to the {@link
 * #DEAD_LETTERS} side output with its Kafka coordinates and the reason. The job never stops on bad
 * input and never drops it silently.
 */
public class InboundRouter extends ProcessFunction<InboundEvent, InboundEvent> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>(
                    "dead-letters",
                    org.apache.flink.api.common.typeinfo.TypeInformation.of(DeadLetter.class)) {};

    @Override
    public void processElement(InboundEvent e, Context ctx, Collector<InboundEvent> out) {
        if (e.kind == InboundEvent.Kind.UNDECODABLE) {
            ctx.output(DEAD_LETTERS, e.deadLetter);
            return;
        }
        String problem = InboundValidator.problem(e);
        if (problem != null) {
            ctx.output(
                    DEAD_LETTERS,
                    deadLetter(e, "invalid " + e.kind.name().toLowerCase() + ": " + problem));
        } else {
            out.collect(e);
        }
    }

    /** A dead letter for a decoded record, with the record re-encoded as its payload. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static DeadLetter deadLetter(InboundEvent e, String reason) {
        byte[] payload = null;
        if (e.payload() != null) {
            payload = new AvroCodec(e.payload().getClass()).encode(e.payload());
        }
        return DeadLetter.newBuilder()
                .setSourceTopic(e.sourceTopic == null ? "" : e.sourceTopic)
                .setPartition(e.partition)
                .setOffset(e.offset)
                .setKafkaTimestampMs(e.kafkaTimestampMs)
                .setReason(reason)
                .setKey(null)
                .setPayload(payload == null ? null : ByteBuffer.wrap(payload))
                .build();
    }
}
