package io.tauflow.risk;

import io.tauflow.features.BarClose;
import io.tauflow.state.HeapStateProcessFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.util.Collector;

/**
 * Per symbol: every risk figure of its one-bar log returns over sliding event-time windows
 * (historical, parametric and Monte Carlo VaR/CVaR, volatility, risk level; see {@link VarWindow}),
 * from one incremental window of returns.
 *
 * <p>The windows are those of Flink's {@code SlidingEventTimeWindows.of(window, slide)}: the window
 * ending at {@code k x slide - 1} holds the returns of {@code [k x slide - window, k x slide)} and
 * is computed once, when the watermark passes its end (an event-time timer), if it holds any
 * return; windows with fewer than {@code minReturns} emit nothing. Instead of adding every return
 * to each of the {@code window / slide} overlapping windows, the symbol keeps one {@link
 * ReturnSeries} that covers them all (one state read and write per bar, one timer per slide) and
 * drops a return once no window still to come can hold it; in a {@link
 * io.tauflow.state.WriteBackOperator} the series stay on the heap between checkpoints. Input: the
 * symbol's bar closes in event-time order (the symbol agent's side output); a bar without a return
 * (the first) is skipped.
 *
 * <p>The Monte Carlo regime is that of the window's latest return, the bar length the largest
 * declared {@link BarClose#intervalMs} (or the smallest gap between returns, or one minute).
 */
public class SymbolVarFunction extends HeapStateProcessFunction<BarClose, VarEstimate> {

    private static final long serialVersionUID = 1L;

    private final VarWindows windows;
    private final VarConfig config;
    private transient VarWindow varWindow;
    private transient ValueState<SymbolReturns> state;

    public SymbolVarFunction(VarWindows windows, VarConfig config) {
        this.windows = windows;
        this.config = config;
    }

    public static ValueStateDescriptor<SymbolReturns> descriptor() {
        return new ValueStateDescriptor<>("symbol-returns", SymbolReturns.class);
    }

    @Override
    public void open(OpenContext openContext) {
        varWindow = new VarWindow(config);
        state = valueState(descriptor());
    }

    private SymbolReturns load() throws Exception {
        SymbolReturns s = state.value();
        return s == null ? new SymbolReturns() : s;
    }

    @Override
    public void processElement(BarClose bar, Context ctx, Collector<VarEstimate> out)
            throws Exception {
        if (!bar.hasPrevious) {
            return;
        }
        SymbolReturns s = load();
        if (bar.eventTimeMs < s.series.lastTime()) {
            // cannot happen on the job's sorted input; a window already computed would miss it
            return;
        }
        s.series.add(bar.eventTimeMs, bar.logReturn, bar.intervalMs, bar.regime);
        if (s.timerMs == Long.MIN_VALUE) {
            s.timerMs = firstEnd(bar.eventTimeMs);
            ctx.timerService().registerEventTimeTimer(s.timerMs);
        }
        state.update(s);
    }

    @Override
    public void onTimer(long end, OnTimerContext ctx, Collector<VarEstimate> out) throws Exception {
        SymbolReturns s = load();
        if (s.timerMs != end) {
            return;
        }
        long window = windows.window().toMillis();
        long slide = windows.slide().toMillis();
        ReturnSeries series = s.series;
        int lo = series.firstAtOrAfter(end + 1 - window);
        int hi = series.endAtOrBefore(end);
        int n = hi - lo;
        if (n >= windows.minReturns()) {
            double[] returns = new double[n];
            long[] times = new long[n];
            long declared = 0;
            for (int k = 0; k < n; k++) {
                returns[k] = series.value(lo + k);
                times[k] = series.time(lo + k);
                declared = Math.max(declared, series.interval(lo + k));
            }
            out.collect(
                    varWindow.estimate(
                            ctx.getCurrentKey(),
                            end,
                            returns,
                            VarWindow.barInterval(declared, times, VarWindow.FALLBACK_INTERVAL_MS),
                            series.regime(hi - 1)));
        }
        // the next window starts a slide later: what it cannot hold, no later one can
        series.dropBefore(end + slide + 1 - window);
        if (series.size() == 0) {
            s.timerMs = Long.MIN_VALUE;
        } else {
            s.timerMs = Math.max(end + slide, firstEnd(series.time(0)));
            ctx.timerService().registerEventTimeTimer(s.timerMs);
        }
        state.update(s);
    }

    /** The end of the earliest sliding window that holds a return at {@code t}. */
    long firstEnd(long t) {
        long window = windows.window().toMillis();
        long slide = windows.slide().toMillis();
        long start = t - Math.floorMod(t, slide);
        while (start - slide > t - window) {
            start -= slide;
        }
        return start + window - 1;
    }

    /** A symbol's returns and the window end its timer is set for. A POJO. */
    public static class SymbolReturns {
        public ReturnSeries series = new ReturnSeries();

        /** The window end of the pending timer; Long.MIN_VALUE when none is set. */
        public long timerMs = Long.MIN_VALUE;

        public SymbolReturns() {}
    }
}
