package io.tauflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartitionClockTest {

    private static final long T0 = 1_380_895_440_000L; // 2013-10-04 14:04 UTC
    private static final long DAY = 86_400_000L;

    /** Defaults but for the jump: at most one day, three records to confirm. */
    private static final InputLimits LIMITS =
            new InputLimits(1e-12, 1e12, 1e15, 3_600_000L, DAY, 10.0, 3, 1024);

    @Test
    void timesWithinTheJumpPassAndTheBoundaryIsInclusive() {
        PartitionClock c = new PartitionClock(LIMITS);
        assertThat(c.admit(T0)).isNull();
        assertThat(c.admit(T0 + DAY)).isNull();
        assertThat(c.admit(T0 + 2 * DAY + 1)).contains("jumps 86400001 ms ahead");
        // older records are the watermark's business, not this check's
        assertThat(c.admit(T0 - 30 * DAY)).isNull();
        assertThat(c.latestMs()).isEqualTo(T0 + DAY);
    }

    @Test
    void oneRecordYearsAheadNeverMovesTheReference() {
        PartitionClock c = new PartitionClock(LIMITS);
        c.admit(T0);
        String reason = c.admit(T0 + 400 * DAY);
        assertThat(reason)
                .startsWith("event time " + (T0 + 400 * DAY) + " jumps")
                .endsWith("(record 1 of the 3 that must agree on a jump)");
        assertThat(c.latestMs()).isEqualTo(T0);
        assertThat(c.admit(T0 + 60_000)).isNull();
        // the run of jumping records was broken: a second outlier starts counting afresh
        assertThat(c.admit(T0 + 400 * DAY))
                .endsWith("(record 1 of the 3 that must agree on a jump)");
        assertThat(c.latestMs()).isEqualTo(T0 + 60_000);
    }

    @Test
    void aRealGapIsAcceptedOnceEnoughRecordsAgree() {
        PartitionClock c = new PartitionClock(LIMITS);
        c.admit(T0);
        long later = T0 + 45 * DAY;
        assertThat(c.admit(later)).endsWith("(record 1 of the 3 that must agree on a jump)");
        assertThat(c.admit(later + 60_000))
                .endsWith("(record 2 of the 3 that must agree on a jump)");
        assertThat(c.admit(later + 120_000)).isNull();
        assertThat(c.latestMs()).isEqualTo(later + 120_000);
        assertThat(c.admit(later + 180_000)).isNull();
    }

    @Test
    void jumpingRecordsThatDisagreeConfirmNothing() {
        PartitionClock c = new PartitionClock(LIMITS);
        c.admit(T0);
        assertThat(c.admit(T0 + 45 * DAY)).isNotNull();
        assertThat(c.admit(T0 + 300 * DAY))
                .endsWith("(record 1 of the 3 that must agree on a jump)");
        assertThat(c.admit(T0 + 45 * DAY))
                .endsWith("(record 1 of the 3 that must agree on a jump)");
        assertThat(c.latestMs()).isEqualTo(T0);
    }

    @Test
    void zeroTurnsTheCheckOffAndOneConfirmationAcceptsAtOnce() {
        PartitionClock off =
                new PartitionClock(new InputLimits(1e-12, 1e12, 1e15, 0, 0, 10.0, 3, 0));
        off.admit(T0);
        assertThat(off.admit(T0 + 4000 * DAY)).isNull();
        PartitionClock once =
                new PartitionClock(new InputLimits(1e-12, 1e12, 1e15, 0, DAY, 10.0, 1, 0));
        once.admit(T0);
        assertThat(once.admit(T0 + 40 * DAY)).isNull();
        assertThat(once.latestMs()).isEqualTo(T0 + 40 * DAY);
    }
}
