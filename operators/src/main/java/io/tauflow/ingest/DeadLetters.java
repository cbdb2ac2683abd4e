package io.tauflow.ingest;

import io.tauflow.schema.DeadLetter;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Builds every {@link DeadLetter} the job writes, so that each fits in one Kafka request whatever
 * the record held: key and value are cut to a configured number of bytes (their whole lengths and a
 * {@code truncated} flag say so, and topic, partition and offset still point at the original), and
 * the reason to {@link InputLimits#MAX_REASON_CHARS}. Without this an input record just under the
 * broker's 1 MiB limit gave a dead letter over the producer's 1 MiB request limit, and the job
 * failed on it at every restart.
 */
public final class DeadLetters {

    private DeadLetters() {}

    /** A dead letter for raw Kafka bytes (an undecodable record). */
    public static DeadLetter of(
            String topic,
            int partition,
            long offset,
            long kafkaTimestampMs,
            String reason,
            byte[] key,
            byte[] value,
            int maxBytes) {
        boolean truncated =
                (key != null && key.length > maxBytes)
                        || (value != null && value.length > maxBytes);
        return DeadLetter.newBuilder()
                .setSourceTopic(topic == null ? "" : cut(topic, InputLimits.MAX_ID_CHARS))
                .setPartition(partition)
                .setOffset(offset)
                .setKafkaTimestampMs(kafkaTimestampMs)
                .setReason(cut(reason, InputLimits.MAX_REASON_CHARS))
                .setKey(head(key, maxBytes))
                .setPayload(head(value, maxBytes))
                .setKeyBytes(key == null ? -1 : key.length)
                .setPayloadBytes(value == null ? -1 : value.length)
                .setTruncated(truncated)
                .build();
    }

    /** A dead letter for a decoded record, with the record re-encoded as its payload. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static DeadLetter of(InboundEvent e, String reason, int maxBytes) {
        byte[] payload = null;
        if (e.payload() != null) {
            payload = new AvroCodec(e.payload().getClass()).encode(e.payload());
        }
        return of(
                e.sourceTopic,
                e.partition,
                e.offset,
                e.kafkaTimestampMs,
                reason,
                null,
                payload,
                maxBytes);
    }

    /** A dead letter for a record of the job's own (late between two stages). */
    public static DeadLetter internal(String stage, long eventTimeMs, String reason) {
        return of("(internal) " + stage, -1, -1, eventTimeMs, reason, null, null, 0);
    }

    private static ByteBuffer head(byte[] bytes, int max) {
        if (bytes == null) {
            return null;
        }
        return ByteBuffer.wrap(bytes.length <= max ? bytes : Arrays.copyOf(bytes, max));
    }

    /** {@code s} cut to {@code max} characters, marked with an ellipsis when cut. */
    static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }
}
