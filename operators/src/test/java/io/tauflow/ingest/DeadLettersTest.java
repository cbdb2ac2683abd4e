package io.tauflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.schema.DeadLetter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    /** The producer's default max.request.size, which a dead letter once exceeded. */
    private static final int ONE_MIB = 1024 * 1024;

    @Test
    void aRecordJustUnderOneMibGivesATruncatedFlaggedDeadLetterWellUnderIt() {
        byte[] key = new byte[ONE_MIB - 100];
        byte[] value = new byte[ONE_MIB - 10];
        Arrays.fill(value, (byte) 7);
        DeadLetter d =
                DeadLetters.of(
                        "md.candles",
                        3,
                        42,
                        -60_000,
                        "x".repeat(5_000_000),
                        key,
                        value,
                        InputLimits.MAX_DEAD_LETTER_BYTES);

        assertThat(d.getTruncated()).isTrue();
        assertThat(d.getPayloadBytes()).isEqualTo(value.length);
        assertThat(d.getKeyBytes()).isEqualTo(key.length);
        assertThat(d.getPayload().remaining()).isEqualTo(InputLimits.MAX_DEAD_LETTER_BYTES);
        assertThat(d.getPayload().get(0)).isEqualTo((byte) 7);
        assertThat(d.getReason()).hasSize(InputLimits.MAX_REASON_CHARS).endsWith("…");
        assertThat(AvroCodec.of(DeadLetter.class).encode(d).length).isLessThan(ONE_MIB - 100_000);
        assertThat(d.getOffset()).isEqualTo(42);
    }

    @Test
    void smallRecordsAreKeptWholeAndNullsStayNull() {
        DeadLetter d = DeadLetters.of("t", 0, 1, 2, "why", null, new byte[] {1, 2, 3}, 3);
        assertThat(d.getTruncated()).isFalse();
        assertThat(d.getKey()).isNull();
        assertThat(d.getKeyBytes()).isEqualTo(-1);
        assertThat(d.getPayloadBytes()).isEqualTo(3);
        assertThat(d.getPayload().remaining()).isEqualTo(3);
        assertThat(d.getReason()).isEqualTo("why");

        DeadLetter cut = DeadLetters.of("t", 0, 1, 2, "why", new byte[4], new byte[3], 3);
        assertThat(cut.getTruncated()).isTrue();
        assertThat(cut.getKey().remaining()).isEqualTo(3);
    }
}
