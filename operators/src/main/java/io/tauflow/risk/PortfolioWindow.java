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

/**
 * The {@link PortfolioRisk} of one account's window of {@link ReturnPoint}s: covariance of the
 * symbols' returns on the bars common to all of them, and the Monte Carlo VaR of an equally
 * weighted long book. Shared by the Flink window function and the job's sequential reference, so
 * both compute the same estimate. Holds the Monte Carlo engine's buffers: not thread-safe.
 */
public final class PortfolioWindow {

    private final int minObservations;
    private final VarConfig config;
    private final MonteCarloVar engine;

    public PortfolioWindow(int minObservations, VarConfig config) {
        if (minObservations < 2) {
            throw new IllegalArgumentException(
                    "a portfolio window needs at least 2 aligned bars, got " + minObservations);
        }
        this.minObservations = minObservations;
        this.config = config;
        this.engine = new MonteCarloVar(config.monteCarlo());
    }

    /**
     * The window's estimate, or null when it has fewer than {@code minObservations} bars common to
     * all its symbols. The points may come in any order; of two points of one symbol at one time
     * the later in the iteration wins.
     */
    public PortfolioRisk estimate(String account, long windowEndMs, Iterable<ReturnPoint> points) {
        Map<String, Map<Long, ReturnPoint>> bySymbol = new TreeMap<>();
        for (ReturnPoint p : points) {
            bySymbol.computeIfAbsent(p.symbol, k -> new HashMap<>()).put(p.eventTimeMs, p);
        }
        if (bySymbol.isEmpty()) {
            return null;
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
            return null;
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
        TailRisk tail =
                engine.simulatePortfolio(
                        weights,
                        cov.means,
                        cov.matrix,
                        regimes,
                        SeededRandom.seedFor(account, windowEndMs, config.monteCarlo().seed()),
                        new TailRisk());

        PortfolioRisk r = new PortfolioRisk();
        r.account = account;
        r.windowEndMs = windowEndMs;
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
        return r;
    }
}
