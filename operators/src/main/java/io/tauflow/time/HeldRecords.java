package io.tauflow.time;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private final TreeMap<Long, TreeMap<String, List<T>>> held = new TreeMap<>();

    /** The (key, time) entries the state holds, as of the last flush. */
    private final Map<String, Set<Long>> persisted = new HashMap<>();

    /** Entries that got records since the last flush. */
    private final Map<String, Set<Long>> added = new HashMap<>();

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
        persisted.putAll(added);
        added.clear();
    }

    public void hold(String key, long eventTimeMs, T record) {
        held.computeIfAbsent(eventTimeMs, k -> new TreeMap<>())
                .computeIfAbsent(key, k -> new ArrayList<>(2))
                .add(record);
        added.computeIfAbsent(key, k -> new HashSet<>()).add(eventTimeMs);
        size++;
    }

    /** Releases, and forgets, every record at or before {@code watermark}. */
    public void releaseUpTo(long watermark, Release<T> to) throws Exception {
        while (!held.isEmpty() && held.firstKey() <= watermark) {
            Map.Entry<Long, TreeMap<String, List<T>>> at = held.pollFirstEntry();
            for (Map.Entry<String, List<T>> e : at.getValue().entrySet()) {
                size -= e.getValue().size();
                to.release(e.getKey(), at.getKey(), e.getValue());
            }
        }
    }

    /** Records held. */
    public int size() {
        return size;
    }

    /**
     * Brings the state in line with the heap: puts every (key, time) that got records since the
     * last flush and is still held, deletes every one the state holds that has been released.
     */
    public void flush(Consumer<Object> selectKey) throws Exception {
        Map<String, List<Long>> released = new TreeMap<>();
        for (Map.Entry<String, Set<Long>> e : persisted.entrySet()) {
            for (long t : e.getValue()) {
                TreeMap<String, List<T>> at = held.get(t);
                if (at == null || !at.containsKey(e.getKey())) {
                    released.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(t);
                }
            }
        }
        for (Map.Entry<String, List<Long>> e : released.entrySet()) {
            selectKey.accept(e.getKey());
            Set<Long> times = persisted.get(e.getKey());
            for (long t : e.getValue()) {
                state.remove(t);
                times.remove(t);
            }
            if (times.isEmpty()) {
                persisted.remove(e.getKey());
            }
        }
        for (Map.Entry<String, Set<Long>> e : new TreeMap<>(added).entrySet()) {
            String key = e.getKey();
            boolean selected = false;
            for (long t : e.getValue()) {
                TreeMap<String, List<T>> at = held.get(t);
                List<T> records = at == null ? null : at.get(key);
                if (records == null) {
                    continue; // held and released between two flushes: never in the state
                }
                if (!selected) {
                    selectKey.accept(key);
                    selected = true;
                }
                state.put(t, new ArrayList<>(records));
                persisted.computeIfAbsent(key, k -> new HashSet<>()).add(t);
            }
        }
        added.clear();
    }
}
