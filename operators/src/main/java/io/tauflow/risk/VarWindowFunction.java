package io.tauflow.risk;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Per symbol and event-time window: every risk figure of the window's returns (historical,
 * parametric and Monte Carlo VaR/CVaR, volatility, risk level; see {@link VarWindow}). Windows with
 * fewer than {@code minReturns} returns emit nothing (too few to say anything about a 1 % tail).
 *
 * <p>Returns are taken in event-time order; the Monte Carlo regime is that of the latest return,
 * the bar length the largest declared {@link ReturnPoint#intervalMs} (or, if none is declared, the
 * smallest gap between returns, or one minute).
 */
public class VarWindowFunction
        extends ProcessWindowFunction<ReturnPoint, VarEstimate, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    /** Bar length assumed when the returns neither declare one nor show a gap. */
    static final long FALLBACK_INTERVAL_MS = 60_000L;

    private final int minReturns;
    private final VarConfig config;
    private transient VarWindow varWindow;

    /** With the default {@link VarConfig}. */
    public VarWindowFunction(int minReturns) {
        this(minReturns, VarConfig.defaults());
    }

    public VarWindowFunction(int minReturns, VarConfig config) {
        if (minReturns < 2) {
            throw new IllegalArgumentException(
                    "a VaR window needs at least 2 returns, got " + minReturns);
        }
        this.minReturns = minReturns;
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        varWindow = new VarWindow(config);
    }

    @Override
    public void process(
            String symbol, Context ctx, Iterable<ReturnPoint> points, Collector<VarEstimate> out) {
        List<ReturnPoint> sorted = new ArrayList<>();
        for (ReturnPoint p : points) {
            sorted.add(p);
        }
        int n = sorted.size();
        if (n < minReturns) {
            return;
        }
        sorted.sort((a, b) -> Long.compare(a.eventTimeMs, b.eventTimeMs));
        double[] returns = new double[n];
        long[] times = new long[n];
        long declared = 0;
        for (int i = 0; i < n; i++) {
            ReturnPoint p = sorted.get(i);
            returns[i] = p.logReturn;
            times[i] = p.eventTimeMs;
            declared = Math.max(declared, p.intervalMs);
        }
        if (varWindow == null) {
            varWindow = new VarWindow(config);
        }
        out.collect(
                varWindow.estimate(
                        symbol,
                        ctx.window().maxTimestamp(),
                        returns,
                        VarWindow.barInterval(declared, times, FALLBACK_INTERVAL_MS),
                        sorted.get(n - 1).regime));
    }
}
