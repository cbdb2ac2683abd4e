package io.tauflow.risk;

import io.tauflow.risk.var.MonteCarloVar;
import io.tauflow.risk.var.ParametricVar;
import io.tauflow.risk.var.SeededRandom;
import io.tauflow.risk.var.TailRisk;
import io.tauflow.schema.Regime;
import java.util.Arrays;

/**
 * The risk figures of a book (value held per symbol) from an account's {@link PortfolioRisk}, in
 * the book's currency:
 *
 * <ul>
 *   <li><b>historical</b>: the book's one-bar P&amp;L on each aligned bar, {@code sum_i x_i r_i,t}
 *       (log returns, as the per-symbol figures), and its lower quantile and tail mean as in {@link
 *       HistoricalVar};
 *   <li><b>parametric</b>: {@code max(0, z sqrt(x' S x) - x' m)}, and the normal expected shortfall
 *       with {@code phi(z) / (1 - p)} for z;
 *   <li><b>Monte Carlo</b>: {@link MonteCarloVar#simulatePortfolio} of the held symbols at the
 *       configured level over {@code mc-steps} bars, seeded from the account, the window end and
 *       the configured seed, each symbol conditioned on the regime of its latest return.
 * </ul>
 *
 * A book of one symbol has exactly that symbol's historical and parametric figures x its value when
 * the windows hold the same bars. Holds the Monte Carlo engine's buffers: not thread-safe.
 */
public final class PortfolioFigures {

    private static final Regime[] REGIMES = Regime.values();

    private final VarConfig config;
    private final MonteCarloVar engine;
    private final TailRisk tail = new TailRisk();

    public PortfolioFigures(VarConfig config) {
        this.config = config;
        this.engine = new MonteCarloVar(config.monteCarlo());
    }

    /** One figure of book {@code x} (in {@code p.symbols} order). */
    public double measure(PortfolioRisk p, double[] x, VarMeasure m) {
        return switch (m.method()) {
            case HISTORICAL -> historical(p, x, m.confidence(), m.cvar());
            case PARAMETRIC -> parametric(p, x, m.confidence(), m.cvar());
            case MONTE_CARLO -> {
                TailRisk t = monteCarlo(p, x);
                yield m.confidence() == 0.95
                        ? (m.cvar() ? t.cvar95 : t.var95)
                        : (m.cvar() ? t.cvar99 : t.var99);
            }
        };
    }

    /** Every figure of book {@code x}, indexed by {@link VarMeasure#ordinal()}. */
    public double[] all(PortfolioRisk p, double[] x) {
        double[] out = new double[VarMeasure.values().length];
        for (VarMeasure m : VarMeasure.values()) {
            if (m.method() != VarMeasure.Method.MONTE_CARLO) {
                out[m.ordinal()] = measure(p, x, m);
            }
        }
        TailRisk t = monteCarlo(p, x);
        out[VarMeasure.MONTE_CARLO_VAR_95.ordinal()] = t.var95;
        out[VarMeasure.MONTE_CARLO_VAR_99.ordinal()] = t.var99;
        out[VarMeasure.MONTE_CARLO_CVAR_95.ordinal()] = t.cvar95;
        out[VarMeasure.MONTE_CARLO_CVAR_99.ordinal()] = t.cvar99;
        return out;
    }

    /** Historical VaR or CVaR of the book's P&amp;L on the aligned bars. */
    public static double historical(PortfolioRisk p, double[] x, double confidence, boolean cvar) {
        double[] pnl = pnl(p, x);
        Arrays.sort(pnl);
        return cvar ? HistoricalVar.cvar(pnl, confidence) : HistoricalVar.var(pnl, confidence);
    }

    /** The book's one-bar P&amp;L on each aligned bar, oldest first. */
    public static double[] pnl(PortfolioRisk p, double[] x) {
        int d = p.symbols.length;
        double[] pnl = new double[p.observations];
        for (int k = 0; k < p.observations; k++) {
            double sum = 0;
            int row = k * d;
            for (int i = 0; i < d; i++) {
                if (x[i] != 0.0) {
                    sum += x[i] * p.rows[row + i];
                }
            }
            pnl[k] = sum;
        }
        return pnl;
    }

    /** Normal VaR or CVaR of the book. */
    public static double parametric(PortfolioRisk p, double[] x, double confidence, boolean cvar) {
        double k =
                confidence == 0.95
                        ? (cvar ? ParametricVar.ES95 : ParametricVar.Z95)
                        : (cvar ? ParametricVar.ES99 : ParametricVar.Z99);
        return Math.max(0.0, k * std(p, x) - mean(p, x));
    }

    /** Mean one-bar P&amp;L of the book. */
    public static double mean(PortfolioRisk p, double[] x) {
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m += x[i] * p.means[i];
        }
        return m;
    }

    /** Standard deviation of the book's one-bar P&amp;L: sqrt(x' S x). */
    public static double std(PortfolioRisk p, double[] x) {
        int d = x.length;
        double v = 0;
        for (int i = 0; i < d; i++) {
            if (x[i] == 0.0) {
                continue;
            }
            for (int j = 0; j < d; j++) {
                v += x[i] * p.covariance[i * d + j] * x[j];
            }
        }
        return Math.sqrt(Math.max(0.0, v));
    }

    /** Monte Carlo VaR/CVaR of the held symbols (all zero for an empty book). */
    public TailRisk monteCarlo(PortfolioRisk p, double[] x) {
        int d = p.symbols.length;
        int held = 0;
        for (double v : x) {
            if (v != 0.0) {
                held++;
            }
        }
        if (held == 0) {
            tail.var95 = 0;
            tail.var99 = 0;
            tail.cvar95 = 0;
            tail.cvar99 = 0;
            return tail;
        }
        double[] xs = new double[held];
        double[] means = new double[held];
        double[][] cov = new double[held][held];
        Regime[] regimes = new Regime[held];
        int[] idx = new int[held];
        int k = 0;
        for (int i = 0; i < d; i++) {
            if (x[i] != 0.0) {
                idx[k++] = i;
            }
        }
        for (int a = 0; a < held; a++) {
            int i = idx[a];
            xs[a] = x[i];
            means[a] = p.means[i];
            regimes[a] = p.regimes == null || p.regimes[i] < 0 ? null : REGIMES[p.regimes[i]];
            for (int b = 0; b < held; b++) {
                cov[a][b] = p.covariance[i * d + idx[b]];
            }
        }
        long seed = SeededRandom.seedFor(p.account, p.windowEndMs, config.monteCarlo().seed());
        return engine.simulatePortfolio(xs, means, cov, regimes, seed, tail);
    }
}
