package io.tauflow.agent;

/**
 * Sparse action values: only visited states have a row. Implemented over keyed RocksDB {@code
 * MapState} in the job and over a hash map in tests.
 */
public interface QTable {

    /** The row of a state, or null if never visited. */
    QRow get(int state) throws Exception;

    void put(int state, QRow row) throws Exception;
}
