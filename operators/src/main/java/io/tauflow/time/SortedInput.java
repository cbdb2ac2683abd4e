package io.tauflow.time;

import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.runtime.state.KeyedStateBackend;

/**
 * The sorting of {@link EventTimeSortOperator} for an operator that sorts its own keyed input:
 * records wait in {@link HeldRecords} until the input's watermark passes their event time and are
 * then released in event-time order, keys in their natural order at one time, each key's records by
 * the tie-break, then by arrival. A record at or behind the watermark is refused as late. The
 * operator hands over each record and each watermark of that input, calls {@link #flush} before the
 * backend snapshots its keyed state and {@link #restore} when it starts from a snapshot. Input must
 * arrive through a network exchange (a {@code keyBy}), so that no upstream operator can reuse a
 * record it holds. Not thread-safe: one per operator instance.
 *
 * @param <T> the record type
 */
public final class SortedInput<T> {

    private final HeldRecords<T> held;
    private final Comparator<? super T> tieBreak;
    private long watermark = Long.MIN_VALUE;

    /**
     * @param state the operator's keyed map state for the held records (see {@link
     *     EventTimeSortOperator#pendingDescriptor})
     * @param tieBreak orders one key's records at one event time
     */
    public SortedInput(MapState<Long, List<T>> state, Comparator<? super T> tieBreak) {
        this.held = new HeldRecords<>(state);
        this.tieBreak = tieBreak;
    }

    /**
     * Holds the record until the watermark passes {@code eventTimeMs}; returns false, holding
     * nothing, if it already has (a late record).
     */
    public boolean offer(String key, long eventTimeMs, T record) {
        if (eventTimeMs <= watermark) {
            return false;
        }
        held.hold(key, eventTimeMs, record);
        return true;
    }

    /**
     * Releases, sorted, every record at or before {@code mark}; then late means at or before it.
     */
    public void advance(long mark, HeldRecords.Release<T> to) throws Exception {
        held.releaseUpTo(
                mark,
                (key, t, records) -> {
                    records.sort(tieBreak);
                    to.release(key, t, records);
                });
        watermark = Math.max(watermark, mark);
    }

    /** The highest watermark seen. */
    public long watermark() {
        return watermark;
    }

    /** Records held. */
    public int size() {
        return held.size();
    }

    /** See {@link HeldRecords#flush}. */
    public void flush(Consumer<Object> selectKey) throws Exception {
        held.flush(selectKey);
    }

    /** See {@link HeldRecords#restore}. */
    public void restore(KeyedStateBackend<?> backend, String stateName, Consumer<Object> selectKey)
            throws Exception {
        held.restore(backend, stateName, selectKey);
    }
}
