package io.tauflow.regime;

import io.tauflow.schema.Regime;
import java.util.Objects;

/** The market's regime from one bar of the reference symbol: what the broadcast channel carries. */
public class RegimeMark {
    /** Open time of the reference symbol's bar, epoch ms. */
    public long timeMs;

    public Regime regime;

    public RegimeMark() {}

    public static RegimeMark of(long timeMs, Regime regime) {
        RegimeMark m = new RegimeMark();
        m.timeMs = timeMs;
        m.regime = regime;
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegimeMark
                && ((RegimeMark) o).timeMs == timeMs
                && ((RegimeMark) o).regime == regime;
    }

    @Override
    public int hashCode() {
        return Objects.hash(timeMs, regime);
    }

    @Override
    public String toString() {
        return regime + "@" + timeMs;
    }
}
