package io.tauflow.agent;

import java.util.Arrays;

/** The action values of one visited state, indexed by {@code Action.ordinal()}. A POJO. */
public class QRow {
    public double[] values;

    public QRow() {}

    public QRow(double[] values) {
        this.values = values;
    }

    public static QRow empty() {
        return new QRow(new double[QAgent.ACTIONS.length]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QRow && Arrays.equals(values, ((QRow) o).values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
