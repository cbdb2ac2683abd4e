package io.tauflow.agent;

import java.util.HashMap;
import java.util.Map;

/**
 * The Q-table rows of the symbols one operator instance has seen, for the {@code qTableRows} and
 * {@code qTableCoverage} gauges: each symbol's count of visited states (its rows), their sum, and
 * that sum over the symbols' whole state space (symbols x encoder states, as {@link
 * PerformanceMetrics#stateCoverage} counts it for one symbol). Counts the symbols that had an event
 * since the task started (after a restore, each from its first event on). Not thread-safe: updated
 * by the task thread and read by the metric reporter's, which may see a count one event old.
 */
public final class QTableCoverage {

    private final long statesPerSymbol;
    private final Map<String, long[]> visited = new HashMap<>();
    private volatile long rows;
    private volatile int symbols;

    public QTableCoverage(long statesPerSymbol) {
        if (statesPerSymbol < 1) {
            throw new IllegalArgumentException(
                    "need >= 1 state per symbol, got " + statesPerSymbol);
        }
        this.statesPerSymbol = statesPerSymbol;
    }

    /** The symbol's agent has {@code visitedStates} rows now. */
    public void update(String symbol, long visitedStates) {
        long[] v = visited.get(symbol);
        if (v == null) {
            visited.put(symbol, new long[] {visitedStates});
            symbols = visited.size();
            rows += visitedStates;
        } else if (v[0] != visitedStates) {
            rows += visitedStates - v[0];
            v[0] = visitedStates;
        }
    }

    /** Rows of all symbols seen. */
    public long rows() {
        return rows;
    }

    /** Rows over the symbols' state space, 0 before the first symbol. */
    public double coverage() {
        int n = symbols;
        return n == 0 ? 0.0 : (double) rows / ((double) n * statesPerSymbol);
    }
}
