package io.tauflow.ingest;

/**
 * The latest event time accepted from one topic partition, and the check that a market record's
 * event time does not jump far ahead of it. Without it one record stamped years ahead (but not in
 * the future) would carry its partition's watermark with it, and every later record of that
 * partition could arrive behind the watermark and be dead-lettered as late. A jump is accepted once
 * {@link InputLimits#jumpConfirmations()} consecutive records agree on it ({@link JumpGuard}), so a
 * real gap in the data costs that many records less one.
 *
 * <p>Kept in memory by the source's timestamp assigner only: after a restart each partition starts
 * without a reference, and its first record is checked against the clock alone.
 */
public final class PartitionClock {

    private final InputLimits limits;
    private long latestMs = Long.MIN_VALUE;
    private final JumpGuard jump = new JumpGuard();

    public PartitionClock(InputLimits limits) {
        this.limits = limits;
    }

    /** The latest accepted event time; {@link Long#MIN_VALUE} before the first. */
    public long latestMs() {
        return latestMs;
    }

    /**
     * Checks and, when accepted, records one event time of this partition. Returns null when
     * accepted, else the reason it is not.
     */
    public String admit(long eventTimeMs) {
        long max = limits.maxTimeJumpMs();
        if (latestMs == Long.MIN_VALUE || max == 0 || eventTimeMs - latestMs <= max) {
            latestMs = Math.max(latestMs, eventTimeMs);
            jump.clear();
            return null;
        }
        boolean agrees = jump.hasSuspect() && Math.abs(eventTimeMs - (long) jump.suspect) <= max;
        int seen = jump.hasSuspect() && agrees ? jump.agreeing + 1 : 1;
        if (jump.confirm(eventTimeMs, agrees, limits.jumpConfirmations())) {
            latestMs = eventTimeMs;
            return null;
        }
        return "event time "
                + eventTimeMs
                + " jumps "
                + (eventTimeMs - latestMs)
                + " ms ahead of its partition's latest accepted event time "
                + latestMs
                + ", more than the "
                + max
                + " ms allowed (record "
                + seen
                + " of the "
                + limits.jumpConfirmations()
                + " that must agree on a jump)";
    }
}
