package io.tauflow.ingest;

import java.io.Serializable;

/**
 * Decides whether a value that jumps away from a reference is a bad record or a real change: a jump
 * is refused until {@code confirmations} consecutive jumping values agree with each other, and then
 * the last of them is accepted and becomes the new reference. One bad record therefore never moves
 * the reference, while a real step (a gap in the data, a split) costs {@code confirmations - 1}
 * dead-lettered records. Used for event times per topic partition ({@link PartitionClock}) and for
 * bar prices per symbol ({@link BarGuard}); a POJO, kept in keyed state by the latter.
 */
public class JumpGuard implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The first value of the current run of jumping values; NaN when there is none. */
    public double suspect = Double.NaN;

    /** How many consecutive jumping values agreed with {@link #suspect} so far. */
    public int agreeing;

    public JumpGuard() {}

    /**
     * Counts a value that jumped from the reference. {@code agrees} says whether it is consistent
     * with the current suspect (ignored when there is none). Returns true when this value confirms
     * the jump and is to be accepted as the new reference (the guard then starts afresh).
     */
    public boolean confirm(double value, boolean agrees, int confirmations) {
        if (Double.isNaN(suspect) || !agrees) {
            suspect = value;
            agreeing = 1;
        } else {
            agreeing++;
        }
        if (agreeing >= confirmations) {
            clear();
            return true;
        }
        return false;
    }

    /** Forgets any run of jumping values (a value near the reference arrived). */
    public void clear() {
        suspect = Double.NaN;
        agreeing = 0;
    }

    public boolean hasSuspect() {
        return !Double.isNaN(suspect);
    }
}
