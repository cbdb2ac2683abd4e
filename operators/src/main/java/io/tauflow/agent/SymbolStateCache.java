package io.tauflow.agent;

import java.util.Arrays;

/**
 * A fixed-size, direct-mapped cache of each key's {@link SymbolState} object, in front of the keyed
 * {@code ValueState} that holds it. Each key has one slot, chosen by hash; a key that lands on an
 * occupied slot replaces the key there.
 *
 * <p>It holds the very object the operator last wrote to the state, and hands that object back to
 * be changed in place by the next event and written again. That is correct only if (1) every write
 * of the state also goes here ({@link #put}), so the cached object is always the state's value; (2)
 * the cache starts empty whenever the state may have changed behind it (a restore, a rescale): the
 * operator creates it when it opens and never snapshots it; and (3) the state backend keeps no
 * reference to a written object, as RocksDB does (it serializes on write), and the heap backend
 * does not: there a later in-place change would reach the stored value, and a snapshot being
 * written, behind the backend's back. The operator checks (3) with {@code
 * KeyedStateBackend.isSafeToReuseKVState()}.
 *
 * <p>Not thread-safe: one per operator instance.
 */
public final class SymbolStateCache {

    private final Object[] keys;
    private final SymbolState[] values;
    private final int mask;

    private long hits;
    private long misses;

    /**
     * @param slots at least this many slots (rounded up to a power of two); > 0
     */
    public SymbolStateCache(int slots) {
        if (slots <= 0 || slots > 1 << 30) {
            throw new IllegalArgumentException(
                    "symbol cache slots must be in [1, 2^30], got " + slots);
        }
        int size = Integer.highestOneBit(slots);
        if (size < slots) {
            size <<= 1;
        }
        keys = new Object[size];
        values = new SymbolState[size];
        mask = size - 1;
    }

    /** The number of slots (a power of two). */
    public int slots() {
        return keys.length;
    }

    /** The state last {@link #put} for {@code key}, or null if the cache does not hold it. */
    public SymbolState get(Object key) {
        int slot = slot(key);
        Object k = keys[slot];
        if (k != null && k.equals(key)) {
            hits++;
            return values[slot];
        }
        misses++;
        return null;
    }

    /** Records {@code value} as the state of {@code key}, replacing whatever the slot held. */
    public void put(Object key, SymbolState value) {
        if (value == null) {
            throw new IllegalArgumentException("no state to cache for " + key);
        }
        int slot = slot(key);
        keys[slot] = key;
        values[slot] = value;
    }

    /** Forgets everything. */
    public void clear() {
        Arrays.fill(keys, null);
        Arrays.fill(values, null);
    }

    /** Lookups that found their key. */
    public long hits() {
        return hits;
    }

    /** Lookups that did not. */
    public long misses() {
        return misses;
    }

    private int slot(Object key) {
        int h = key.hashCode() * 0x9E3779B1;
        h ^= h >>> 15;
        return h & mask;
    }
}
