package io.tauflow.risk;

import io.tauflow.schema.Regime;
import java.util.Arrays;

/**
 * One symbol's latest one-bar log returns in event-time order, oldest dropped first: the single
 * incremental window both the per-symbol VaR ({@link SymbolVarFunction}) and the risk gate's
 * portfolio figures read. A growable ring of parallel primitive arrays (time, return, declared bar
 * length, regime), so that adding a bar copies four values and a window is a range of it. A POJO.
 *
 * <p>Times must not decrease ({@link #add} refuses an older one): the job's input is sorted per
 * symbol.
 */
public class ReturnSeries {

    private static final Regime[] REGIMES = Regime.values();

    public long[] times = new long[0];
    public double[] returns = new double[0];
    public long[] intervals = new long[0];

    /** Regime ordinal per return, -1 for none. */
    public byte[] regimes = new byte[0];

    /** Index of the oldest entry. */
    public int start;

    /** Entries in use. */
    public int size;

    public ReturnSeries() {}

    public int size() {
        return size;
    }

    /** Event time of the {@code k}-th oldest entry. */
    public long time(int k) {
        return times[slot(k)];
    }

    public double value(int k) {
        return returns[slot(k)];
    }

    public long interval(int k) {
        return intervals[slot(k)];
    }

    public Regime regime(int k) {
        byte r = regimes[slot(k)];
        return r < 0 ? null : REGIMES[r];
    }

    /** Time of the newest entry; Long.MIN_VALUE when empty. */
    public long lastTime() {
        return size == 0 ? Long.MIN_VALUE : time(size - 1);
    }

    /** Appends a return; its time must not be older than the newest held. */
    public void add(long timeMs, double logReturn, long intervalMs, Regime regime) {
        if (size > 0 && timeMs < lastTime()) {
            throw new IllegalArgumentException(
                    "return at " + timeMs + " is older than the latest held, " + lastTime());
        }
        if (size == times.length) {
            grow();
        }
        int s = slot(size);
        times[s] = timeMs;
        returns[s] = logReturn;
        intervals[s] = intervalMs;
        regimes[s] = regime == null ? -1 : (byte) regime.ordinal();
        size++;
    }

    /** Drops every entry older than {@code fromMs}. */
    public void dropBefore(long fromMs) {
        while (size > 0 && times[start] < fromMs) {
            start = (start + 1) % times.length;
            size--;
        }
        if (size == 0) {
            start = 0;
        }
    }

    /** Index of the first entry at or after {@code fromMs} ({@link #size} if none). */
    public int firstAtOrAfter(long fromMs) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (time(mid) < fromMs) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index after the last entry at or before {@code toMs}. */
    public int endAtOrBefore(long toMs) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (time(mid) <= toMs) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int slot(int k) {
        int s = start + k;
        return s < times.length ? s : s - times.length;
    }

    private void grow() {
        int n = Math.max(16, times.length * 2);
        long[] t = new long[n];
        double[] r = new double[n];
        long[] iv = new long[n];
        byte[] g = new byte[n];
        for (int k = 0; k < size; k++) {
            int s = slot(k);
            t[k] = times[s];
            r[k] = returns[s];
            iv[k] = intervals[s];
            g[k] = regimes[s];
        }
        times = t;
        returns = r;
        intervals = iv;
        regimes = g;
        start = 0;
    }

    @Override
    public String toString() {
        long[] t = new long[size];
        for (int k = 0; k < size; k++) {
            t[k] = time(k);
        }
        return "ReturnSeries" + Arrays.toString(t);
    }
}
