package io.tauflow.risk;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Per account and event-time window: the covariance of the account's symbols' returns and the Monte
 * Carlo VaR of an equally weighted long book of them ({@link PortfolioRisk}). Input: the same
 * {@link ReturnPoint}s as the per-symbol VaR windows, keyed by account. Windows with fewer than
 * {@code minObservations} bars common to all symbols emit nothing.
 *
 * <p>The figures are those of {@link PortfolioWindow} (shared with the job's sequential reference).
 * The simulation is {@link io.tauflow.risk.var.MonteCarloVar#simulatePortfolio} at the configured
 * level (level 4: correlated shocks with calm/stress switching), each symbol conditioned on the
 * regime of its latest return, seeded from the account, the window end and the configured seed.
 */
public class PortfolioVarFunction
        extends ProcessWindowFunction<ReturnPoint, PortfolioRisk, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final int minObservations;
    private final VarConfig config;
    private transient PortfolioWindow window;

    public PortfolioVarFunction(int minObservations, VarConfig config) {
        if (minObservations < 2) {
            throw new IllegalArgumentException(
                    "a portfolio window needs at least 2 aligned bars, got " + minObservations);
        }
        this.minObservations = minObservations;
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        window = new PortfolioWindow(minObservations, config);
    }

    @Override
    public void process(
            String account,
            Context ctx,
            Iterable<ReturnPoint> points,
            Collector<PortfolioRisk> out) {
        if (window == null) {
            window = new PortfolioWindow(minObservations, config);
        }
        PortfolioRisk r = window.estimate(account, ctx.window().maxTimestamp(), points);
        if (r != null) {
            out.collect(r);
        }
    }
}
