package io.tauflow.ingest;

import java.util.HashMap;
import java.util.Map;

/**
 * When to warn that an input's records arrive behind the watermark: at the first late record of a
 * source topic, then at most once per interval with the count since the last warning. Late input in
 * bulk usually means another input's event time is far ahead of this one's (once an input is idle,
 * the watermark follows the others): the warning says so and where it is explained. Plain logic,
 * clock given by the caller; not thread-safe.
 */
public final class LateWarnings {

    private final long intervalMs;
    private final Map<String, long[]> bySource = new HashMap<>(); // {last warning ms, count since}

    public LateWarnings(long intervalMs) {
        this.intervalMs = intervalMs;
    }

    /** Counts a late record of {@code source}; returns the warning to log now, or null. */
    public String late(String source, long nowMs) {
        long[] s = bySource.get(source);
        if (s == null) {
            bySource.put(source, new long[] {nowMs, 0});
            return message(source, 1, true);
        }
        s[1]++;
        if (nowMs - s[0] < intervalMs) {
            return null;
        }
        long n = s[1];
        s[0] = nowMs;
        s[1] = 0;
        return message(source, n, false);
    }

    private static String message(String source, long n, boolean first) {
        return (first ? "a record" : n + " more records")
                + " of "
                + source
                + (first || n == 1 ? " was" : " were")
                + " behind the watermark and went to the dead-letter topic. If this input's event"
                + " time is far behind another's (for example older data appended to a running job"
                + " while another input is idle), the watermark follows the input that is ahead:"
                + " docs/OPERATIONS.md, \"Appending older data to a running job\".";
    }
}
