package io.tauflow.risk;

import io.tauflow.risk.var.Covariance;
import io.tauflow.risk.var.MonteCarloVar;
import io.tauflow.risk.var.SeededRandom;
import io.tauflow.risk.var.TailRisk;
import io.tauflow.schema.Regime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
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
 * <p>The simulation is {@link MonteCarloVar#simulatePortfolio} at the configured level (level 4:
 * correlated shocks with calm/stress switching), each symbol conditioned on the regime of its
 * latest return, seeded from the account, the window end and the configured seed.
 */
public class PortfolioVarFunction
        extends ProcessWindowFunction<ReturnPoint, PortfolioRisk, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final int minObservations;
    private final VarConfig config;
    private transient MonteCarloVar engine;

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
        engine = new MonteCarloVar(config.monteCarlo());
    }

    @Override
    public void process(
            String account,
            Context ctx,
            Iterable<ReturnPoint> points,
            Collector<PortfolioRisk> out) {
        Map<String, Map<Long, ReturnPoint>> bySymbol = new TreeMap<>();
        for (ReturnPoint p : points) {
            bySymbol.computeIfAbsent(p.symbol, k -> new HashMap<>()).put(p.eventTimeMs, p);
        }
        if (bySymbol.isEmpty()) {
            return;
        }
        String[] symbols = bySymbol.keySet().toArray(new String[0]);
        TreeSet<Long> common = null;
        for (Map<Long, ReturnPoint> series : bySymbol.values()) {
            if (common == null) {
                common = new TreeSet<>(series.keySet());
            } else {
                common.retainAll(series.keySet());
            }
        }
        if (common.size() < minObservations) {
            return;
        }
        int d = symbols.length;
        List<double[]> rows = new ArrayList<>(common.size());
        for (long t : common) {
            double[] row = new double[d];
            for (int i = 0; i < d; i++) {
                row[i] = bySymbol.get(symbols[i]).get(t).logReturn;
            }
            rows.add(row);
        }
        Covariance cov = Covariance.of(rows.toArray(new double[0][]));

        Regime[] regimes = new Regime[d];
        double[] weights = new double[d];
        for (int i = 0; i < d; i++) {
            Map<Long, ReturnPoint> series = bySymbol.get(symbols[i]);
            long latest = Long.MIN_VALUE;
            for (long t : series.keySet()) {
                latest = Math.max(latest, t);
            }
            regimes[i] = series.get(latest).regime;
            weights[i] = 1.0 / d;
        }
        if (engine == null) {
            engine = new MonteCarloVar(config.monteCarlo());
        }
        long windowEnd = ctx.window().maxTimestamp();
        TailRisk tail =
                engine.simulatePortfolio(
                        weights,
                        cov.means,
                        cov.matrix,
                        regimes,
                        SeededRandom.seedFor(account, windowEnd, config.monteCarlo().seed()),
                        new TailRisk());

        PortfolioRisk r = new PortfolioRisk();
        r.account = account;
        r.windowEndMs = windowEnd;
        r.symbols = symbols;
        r.observations = cov.observations;
        r.means = cov.means;
        r.covariance = new double[d * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(cov.matrix[i], 0, r.covariance, i * d, d);
        }
        r.mcLevel = config.monteCarlo().level();
        r.mcPaths = config.monteCarlo().paths();
        r.mcSteps = config.monteCarlo().steps();
        r.mcVar95 = tail.var95;
        r.mcVar99 = tail.var99;
        r.mcCvar95 = tail.cvar95;
        r.mcCvar99 = tail.cvar99;
        r.choleskyJitter = engine.lastCholesky().jitter;
        r.correlationsDropped = engine.lastCholesky().diagonalFallback;
        out.collect(r);
    }
}
