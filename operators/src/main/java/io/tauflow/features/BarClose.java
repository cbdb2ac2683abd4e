package io.tauflow.features;

import io.tauflow.schema.Regime;
import java.util.Objects;

/**
 * What the risk stages need of one closed bar: its close (the last trade price) and, from the
 * symbol's second bar on, its log return with the bar length and the symbol's own regime. A small
 * POJO, so that handing every bar on costs a few field copies, not a whole {@link FeatureVector}.
 */
public class BarClose {
    public String symbol;
    public long eventTimeMs;
    public long intervalMs;
    public double close;

    /** log(close / previous close); 0 on the symbol's first bar. */
    public double logReturn;

    /** False on the symbol's first bar, which has no return. */
    public boolean hasPrevious;

    public Regime regime;

    public BarClose() {}

    public static BarClose of(FeatureVector v) {
        BarClose b = new BarClose();
        b.symbol = v.symbol;
        b.eventTimeMs = v.eventTimeMs;
        b.intervalMs = v.intervalMs;
        b.close = v.close;
        b.logReturn = v.logReturn;
        b.hasPrevious = v.hasPrevious;
        b.regime = v.regime;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BarClose)) {
            return false;
        }
        BarClose b = (BarClose) o;
        return eventTimeMs == b.eventTimeMs
                && intervalMs == b.intervalMs
                && Double.compare(close, b.close) == 0
                && Double.compare(logReturn, b.logReturn) == 0
                && hasPrevious == b.hasPrevious
                && Objects.equals(symbol, b.symbol)
                && regime == b.regime;
    }

    @Override
    public int hashCode() {
        return Objects.hash(symbol, eventTimeMs, close);
    }

    @Override
    public String toString() {
        return symbol + "@" + eventTimeMs + " close " + close + " r " + logReturn;
    }
}
