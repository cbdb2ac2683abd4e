package io.tauflow.agent;

import java.util.Arrays;

/**
 * A fixed-size, direct-mapped cache of Q-table rows by (key, state), in front of the keyed {@code
 * MapState} that holds the Q-tables. Each (key, state) has one slot, chosen by hash; a row that
 * lands on an occupied slot replaces the row there. A slot holds either a copy of the row the table
 * has for its (key, state) or the fact that the table has none.
 *
 * <p>The cache is correct only if every write of the table goes through {@link #fill} as well, and
 * it must start empty whenever the table may have changed behind it (a restore, a rescale): the
 * operator creates it in {@code open()} and never snapshots it. Rows go in and come out as copies,
 * so a caller may change a row it got without changing the cache.
 *
 * <p>Not thread-safe: one per operator instance.
 */
public final class QRowCache {

    /** Slots hold no key here: nothing cached. */
    private static final Object EMPTY = null;

    private final Object[] keys;
    private final int[] states;
    private final boolean[] present;
    private final double[] values;
    private final int width;
    private final int mask;

    private long hits;
    private long misses;

    /**
     * @param slots at least this many slots (rounded up to a power of two); > 0
     * @param width action values per row
     */
    public QRowCache(int slots, int width) {
        if (slots <= 0 || slots > 1 << 30) {
            throw new IllegalArgumentException(
                    "row cache slots must be in [1, 2^30], got " + slots);
        }
        if (width <= 0) {
            throw new IllegalArgumentException("row width must be > 0, got " + width);
        }
        int size = Integer.highestOneBit(slots);
        if (size < slots) {
            size <<= 1;
        }
        this.keys = new Object[size];
        this.states = new int[size];
        this.present = new boolean[size];
        this.values = new double[size * width];
        this.width = width;
        this.mask = size - 1;
    }

    /** The number of slots (a power of two). */
    public int slots() {
        return keys.length;
    }

    /**
     * Looks up the row of ({@code key}, {@code state}). Returns {@link Lookup#MISS} if the cache
     * does not know it, {@link Lookup#ABSENT} if the table has no row for it, else {@link
     * Lookup#ROW}, with a copy of the row in {@link #row}.
     */
    public Lookup lookup(Object key, int state) {
        int slot = slot(key, state);
        Object k = keys[slot];
        if (k == EMPTY || states[slot] != state || !k.equals(key)) {
            misses++;
            return Lookup.MISS;
        }
        hits++;
        return present[slot] ? Lookup.ROW : Lookup.ABSENT;
    }

    /**
     * A copy of the row of ({@code key}, {@code state}) after {@link #lookup} returned {@link
     * Lookup#ROW} for it.
     */
    public QRow row(Object key, int state) {
        int slot = slot(key, state);
        int at = slot * width;
        return new QRow(Arrays.copyOfRange(values, at, at + width));
    }

    /**
     * Records what the table holds for ({@code key}, {@code state}) — the row just read or written,
     * or null for no row — replacing whatever the slot held.
     */
    public void fill(Object key, int state, QRow row) {
        int slot = slot(key, state);
        keys[slot] = key;
        states[slot] = state;
        if (row == null) {
            present[slot] = false;
            return;
        }
        if (row.values.length != width) {
            throw new IllegalArgumentException(
                    "row has " + row.values.length + " values, the cache " + width);
        }
        present[slot] = true;
        System.arraycopy(row.values, 0, values, slot * width, width);
    }

    /** Forgets everything. */
    public void clear() {
        Arrays.fill(keys, EMPTY);
        Arrays.fill(present, false);
    }

    /** Lookups that found their (key, state). */
    public long hits() {
        return hits;
    }

    /** Lookups that did not. */
    public long misses() {
        return misses;
    }

    private int slot(Object key, int state) {
        int h = key.hashCode() * 0x9E3779B1 + state;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h & mask;
    }

    /** The outcome of a {@link #lookup}. */
    public enum Lookup {
        /** The cache does not know; read the table. */
        MISS,
        /** The table has no row for it. */
        ABSENT,
        /** The table has this row: {@link #row}. */
        ROW
    }
}
