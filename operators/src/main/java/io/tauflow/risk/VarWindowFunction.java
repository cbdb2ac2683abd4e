package io.tauflow.risk;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Per symbol and event-time window: historical VaR/CVaR of the window's returns. Windows with fewer
 * than {@code minReturns} returns emit nothing (too few to say anything about a 1 % tail).
 */
public class VarWindowFunction
        extends ProcessWindowFunction<ReturnPoint, VarEstimate, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final int minReturns;

    public VarWindowFunction(int minReturns) {
        if (minReturns < 2) {
            throw new IllegalArgumentException(
                    "a VaR window needs at least 2 returns, got " + minReturns);
        }
        this.minReturns = minReturns;
    }

    @Override
    public void process(
            String symbol, Context ctx, Iterable<ReturnPoint> points, Collector<VarEstimate> out) {
        int n = 0;
        for (ReturnPoint ignored : points) {
            n++;
        }
        if (n < minReturns) {
            return;
        }
        double[] returns = new double[n];
        int i = 0;
        for (ReturnPoint p : points) {
            returns[i++] = p.logReturn;
        }
        VarEstimate v = new VarEstimate();
        v.symbol = symbol;
        v.windowEndMs = ctx.window().maxTimestamp();
        out.collect(HistoricalVar.estimate(returns, v));
    }
}
