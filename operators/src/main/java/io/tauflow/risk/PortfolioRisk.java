package io.tauflow.risk;

import io.tauflow.schema.Regime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The joint return statistics of one account's symbols over one window, from which the risk gate
 * computes the figures of any book of them ({@link PortfolioFigures}): the bars common to all the
 * symbols that have returns in the window, their aligned returns, means and sample covariance. A
 * POJO, part of the gate's account state.
 *
 * <p>Only bars in which every symbol has a return are used (the timestamps common to all), so the
 * covariance matrix is a proper sample covariance (positive semi-definite) and the historical
 * figures replay the same bars for every symbol.
 */
public class PortfolioRisk {
    public String account;

    /** Last millisecond of the window: the estimate's event time. */
    public long windowEndMs;

    /** The account's symbols with returns in the window, sorted. */
    public String[] symbols;

    /** Aligned bars used. */
    public int observations;

    /** The aligned one-bar log returns, row-major observations x symbols, oldest bar first. */
    public double[] rows;

    /** Mean one-bar log return per symbol, in {@link #symbols} order. */
    public double[] means;

    /** Sample covariance of the one-bar log returns, row-major d x d. */
    public double[] covariance;

    /** Regime ordinal of each symbol's latest return in the window, -1 for none. */
    public byte[] regimes;

    /** The largest declared bar length in the window (0 if none). */
    public long barIntervalMs;

    public PortfolioRisk() {}

    /**
     * The statistics of the window {@code [windowEndMs + 1 - windowMs, windowEndMs]} of the
     * symbols' return series, or null when no symbol has a return in it or fewer than {@code
     * minObservations} bars are common to all that do.
     */
    public static PortfolioRisk of(
            String account,
            long windowEndMs,
            long windowMs,
            int minObservations,
            Map<String, PositionState> books) {
        long from = windowEndMs + 1 - windowMs;
        List<String> names = new ArrayList<>();
        List<ReturnSeries> series = new ArrayList<>();
        List<int[]> ranges = new ArrayList<>();
        for (Map.Entry<String, PositionState> e : books.entrySet()) {
            ReturnSeries s = e.getValue().returns;
            if (s == null) {
                continue;
            }
            int lo = s.firstAtOrAfter(from);
            int hi = s.endAtOrBefore(windowEndMs);
            if (hi > lo) {
                names.add(e.getKey());
                series.add(s);
                ranges.add(new int[] {lo, hi});
            }
        }
        if (names.isEmpty()) {
            return null;
        }
        Integer[] order = new Integer[names.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> names.get(a).compareTo(names.get(b)));
        int d = order.length;
        String[] symbols = new String[d];
        ReturnSeries[] ss = new ReturnSeries[d];
        int[] lo = new int[d];
        int[] hi = new int[d];
        for (int i = 0; i < d; i++) {
            symbols[i] = names.get(order[i]);
            ss[i] = series.get(order[i]);
            lo[i] = ranges.get(order[i])[0];
            hi[i] = ranges.get(order[i])[1];
        }
        // walk all series together: a time is common when every series has it
        int[] at = lo.clone();
        double[] aligned = new double[(hi[0] - lo[0]) * d];
        int n = 0;
        outer:
        while (at[0] < hi[0]) {
            long t = ss[0].time(at[0]);
            for (int i = 1; i < d; i++) {
                while (at[i] < hi[i] && ss[i].time(at[i]) < t) {
                    at[i]++;
                }
                if (at[i] >= hi[i]) {
                    break outer;
                }
                if (ss[i].time(at[i]) != t) {
                    // the next candidate is the later of the two times
                    long next = ss[i].time(at[i]);
                    while (at[0] < hi[0] && ss[0].time(at[0]) < next) {
                        at[0]++;
                    }
                    continue outer;
                }
            }
            for (int i = 0; i < d; i++) {
                aligned[n * d + i] = ss[i].value(at[i]);
                at[i]++;
            }
            n++;
        }
        if (n < minObservations) {
            return null;
        }
        PortfolioRisk r = new PortfolioRisk();
        r.account = account;
        r.windowEndMs = windowEndMs;
        r.symbols = symbols;
        r.observations = n;
        r.rows = Arrays.copyOf(aligned, n * d);
        r.means = new double[d];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < d; i++) {
                r.means[i] += r.rows[k * d + i];
            }
        }
        for (int i = 0; i < d; i++) {
            r.means[i] /= n;
        }
        r.covariance = new double[d * d];
        for (int k = 0; k < n; k++) {
            int row = k * d;
            for (int i = 0; i < d; i++) {
                double di = r.rows[row + i] - r.means[i];
                for (int j = 0; j <= i; j++) {
                    r.covariance[i * d + j] += di * (r.rows[row + j] - r.means[j]);
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double c = r.covariance[i * d + j] / (n - 1);
                r.covariance[i * d + j] = c;
                r.covariance[j * d + i] = c;
            }
        }
        r.regimes = new byte[d];
        for (int i = 0; i < d; i++) {
            Regime g = ss[i].regime(hi[i] - 1);
            r.regimes[i] = g == null ? -1 : (byte) g.ordinal();
            for (int k = lo[i]; k < hi[i]; k++) {
                r.barIntervalMs = Math.max(r.barIntervalMs, ss[i].interval(k));
            }
        }
        return r;
    }

    /** Index of {@code symbol} in {@link #symbols}, negative if absent. */
    public int index(String symbol) {
        return Arrays.binarySearch(symbols, symbol);
    }

    /**
     * Whether every symbol with a non-zero exposure has returns here: only then may these
     * statistics stand for the account's book.
     */
    public boolean covers(Map<String, Double> exposures) {
        for (Map.Entry<String, Double> e : exposures.entrySet()) {
            if (e.getValue() != 0.0 && index(e.getKey()) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The exposures as a vector in {@link #symbols} order (symbols not held: 0). */
    public double[] vector(Map<String, Double> exposures) {
        double[] x = new double[symbols.length];
        for (Map.Entry<String, Double> e : exposures.entrySet()) {
            int i = index(e.getKey());
            if (i >= 0) {
                x[i] = e.getValue();
            } else if (e.getValue() != 0.0) {
                throw new IllegalArgumentException(
                        "no returns of "
                                + e.getKey()
                                + " in the window of account "
                                + account
                                + "; symbols: "
                                + Arrays.toString(symbols));
            }
        }
        return x;
    }

    /** The covariance as a d x d matrix. */
    public double[][] covarianceMatrix() {
        int d = symbols.length;
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(covariance, i * d, m[i], 0, d);
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PortfolioRisk)) {
            return false;
        }
        PortfolioRisk p = (PortfolioRisk) o;
        return windowEndMs == p.windowEndMs
                && observations == p.observations
                && barIntervalMs == p.barIntervalMs
                && Objects.equals(account, p.account)
                && Arrays.equals(symbols, p.symbols)
                && Arrays.equals(rows, p.rows)
                && Arrays.equals(means, p.means)
                && Arrays.equals(covariance, p.covariance)
                && Arrays.equals(regimes, p.regimes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(account, windowEndMs);
    }

    @Override
    public String toString() {
        return String.format(
                "%s@%d %s n=%d", account, windowEndMs, Arrays.toString(symbols), observations);
    }
}
