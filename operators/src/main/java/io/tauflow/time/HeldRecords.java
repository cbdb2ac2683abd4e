package io.tauflow.time;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;

/**
 * Records an operator holds until the watermark passes their event time, on the heap, with a keyed
 * {@code MapState} (event time to the key's records at that time) as their copy in checkpoints: a
 * record costs a map insert when it arrives and nothing until it is released, instead of a state
 * read, write and timer each. The operator calls {@link #flush} before every checkpoint barrier (it
 * writes each key's held records to the state and clears it for keys with none left) and {@link
 * #restore} when it starts from a checkpoint or savepoint.
 *
 * <p>Released in event-time order; at one time, keys in their natural order; each key's records in
 * arrival order (the caller may sort them). Not thread-safe: one per operator instance.
 *
 * @param <T> the record type
 */
public final class HeldRecords<T> {

    /** Receives one key's records at one event time. */
    @FunctionalInterface
    public interface Release<T> {
        void release(String key, long eventTimeMs, List<T> records) throws Exception;
    }

    private final MapState<Long, List<T>> state;

    /** One key's records at one event time, and where it stands against the state. */
    private static final class Bucket<T> {
        final String key;
        final long time;
        final List<T> records = new ArrayList<>(2);

        /** The state holds this (key, time), as of the last flush. */
        boolean persisted;

        /** Got records since the last flush. */
        boolean dirty;

        boolean released;

        Bucket(String key, long time) {
            this.key = key;
            this.time = time;
        }
    }

    private final TreeMap<Long, TreeMap<String, Bucket<T>>> held = new TreeMap<>();

    /** Buckets that got records since the last flush (some may have been released since). */
    private final List<Bucket<T>> dirty = new ArrayList<>();

    /** Released buckets the state still holds. */
    private final List<Bucket<T>> releasedPersisted = new ArrayList<>();

    private int size;

    /**
     * @param state the operator's keyed map state, used only by {@link #flush} and restore
     */
    public HeldRecords(MapState<Long, List<T>> state) {
        this.state = state;
    }

    /** Reads back every key's held records from the state (after a restore). */
    public void restore(KeyedStateBackend<?> backend, String stateName, Consumer<Object> selectKey)
            throws Exception {
        List<Object> keys;
        try (Stream<?> s = backend.getKeys(stateName, VoidNamespace.INSTANCE)) {
            keys = s.collect(Collectors.toList());
        }
        for (Object key : keys) {
            selectKey.accept(key);
            for (Map.Entry<Long, List<T>> e : state.entries()) {
                for (T record : e.getValue()) {
                    hold((String) key, e.getKey(), record);
                }
            }
        }
        // what was just read back is what the state holds
        for (Bucket<T> b : dirty) {
            b.persisted = true;
            b.dirty = false;
        }
        dirty.clear();
    }

    public void hold(String key, long eventTimeMs, T record) {
        TreeMap<String, Bucket<T>> at = held.get(eventTimeMs);
        if (at == null) {
            at = new TreeMap<>();
            held.put(eventTimeMs, at);
        }
        Bucket<T> b = at.get(key);
        if (b == null) {
            b = new Bucket<>(key, eventTimeMs);
            at.put(key, b);
        }
        b.records.add(record);
        if (!b.dirty) {
            b.dirty = true;
            dirty.add(b);
        }
        size++;
    }

    /** Releases, and forgets, every record at or before {@code watermark}. */
    public void releaseUpTo(long watermark, Release<T> to) throws Exception {
        while (!held.isEmpty() && held.firstKey() <= watermark) {
            Map.Entry<Long, TreeMap<String, Bucket<T>>> at = held.pollFirstEntry();
            for (Bucket<T> b : at.getValue().values()) {
                size -= b.records.size();
                b.released = true;
                if (b.persisted) {
                    releasedPersisted.add(b);
                }
                to.release(b.key, b.time, b.records);
            }
        }
    }

    /** Records held. */
    public int size() {
        return size;
    }

    /**
     * Brings the state in line with the heap: deletes every (key, time) the state holds that has
     * been released, puts every one that got records since the last flush and is still held.
     */
    public void flush(Consumer<Object> selectKey) throws Exception {
        for (Bucket<T> b : releasedPersisted) {
            selectKey.accept(b.key);
            state.remove(b.time);
        }
        releasedPersisted.clear();
        for (Bucket<T> b : dirty) {
            b.dirty = false;
            if (b.released) {
                continue; // held and released between two flushes: never in the state
            }
            selectKey.accept(b.key);
            state.put(b.time, new ArrayList<>(b.records));
            b.persisted = true;
        }
        dirty.clear();
    }
}
