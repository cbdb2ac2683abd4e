package io.tauflow.benchmarks;

import io.tauflow.agent.QRow;
import io.tauflow.agent.QTable;
import java.util.HashMap;
import java.util.Map;

/**
 * A Q-table in a plain hash map, one per symbol: the agent's learning and acting measured without
 * any Flink state access. Rows are stored by reference, as the agent hands them over.
 */
public final class HeapQTable implements QTable {

    private final Map<Integer, QRow> rows = new HashMap<>();

    @Override
    public QRow get(int state) {
        return rows.get(state);
    }

    @Override
    public void put(int state, QRow row) {
        rows.put(state, row);
    }

    public int size() {
        return rows.size();
    }
}
