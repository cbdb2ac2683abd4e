package io.tauflow.regime;

import io.tauflow.schema.Regime;
import java.util.Iterator;
import java.util.Map;

/**
 * The market-wide regime a symbol's bar is stamped with: the regime of the reference symbol's
 * latest bar at or before the bar's time (a {@link RegimeMark}), unless that mark is older than a
 * maximum age. Plain logic over the marks the broadcast channel delivered; see {@code
 * SymbolAgentFunction} for how the marks are held and when a bar may be stamped.
 */
public final class MarketRegimes {

    private MarketRegimes() {}

    /**
     * The regime of the latest mark at or before {@code timeMs}, or null when there is none or it
     * is older than {@code maxAgeMs}.
     */
    public static Regime regimeAt(
            Iterable<Map.Entry<Long, Regime>> marks, long timeMs, long maxAgeMs) {
        long best = Long.MIN_VALUE;
        Regime regime = null;
        for (Map.Entry<Long, Regime> e : marks) {
            long t = e.getKey();
            if (t <= timeMs && t >= best) {
                best = t;
                regime = e.getValue();
            }
        }
        return regime != null && timeMs - best <= maxAgeMs ? regime : null;
    }

    /**
     * Removes the marks no pending or future bar can use: bars still to be stamped have times after
     * the watermark, and a mark older than {@code maxAgeMs} before a bar does not count for it.
     * Keeps each receiver's copy small (about max age divided by the bar interval). Does nothing
     * before the first watermark.
     */
    public static void prune(
            Iterator<Map.Entry<Long, Regime>> marks, long watermark, long maxAgeMs) {
        if (watermark == Long.MIN_VALUE) {
            return;
        }
        long oldestUseful = watermark - maxAgeMs;
        while (marks.hasNext()) {
            if (marks.next().getKey() < oldestUseful) {
                marks.remove();
            }
        }
    }
}
