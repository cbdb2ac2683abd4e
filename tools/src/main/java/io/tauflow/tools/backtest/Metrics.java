package io.tauflow.tools.backtest;

/**
 * The figures of one book (a symbol's agent, all agents, or a benchmark) over a backtest, net of
 * fees and slippage. Returns and drawdowns are fractions; NaN where a figure is undefined (e.g.
 * Sharpe of a flat equity curve). Annualised with the bars the book has per trading day times the
 * calendar's trading days per year.
 *
 * @param name what the figures are of: a symbol, "ALL", "buy-and-hold" or "sma-20-50"
 * @param bars bars the book was measured over
 * @param totalReturn final equity / starting capital - 1
 * @param returnOnRisk P&L divided by the capital at risk: the largest cost of the book's open
 *     positions together at any close; NaN when it never held a position
 * @param sharpe annualised Sharpe ratio of the per-bar equity returns on the starting capital
 * @param sortino annualised Sortino ratio of the same returns
 * @param maxDrawdown largest fall of equity from a running peak, as a negative fraction of the peak
 * @param maxDrawdownOnRisk largest fall from a running peak of capital at risk + P&L, as a fraction
 *     of the peak; NaN when losses reach the capital at risk (the base is gone)
 * @param sharpeOnRisk annualised Sharpe of the per-bar returns of capital at risk + P&L; NaN as
 *     above
 * @param trades closed round trips
 * @param winRate share of round trips with a positive net P&L
 * @param profitFactor gross profit / gross loss of the round trips, net of costs; +Infinity with
 *     profits and no loss, NaN without trades
 * @param avgHoldingMs mean time from entry fill to exit fill
 * @param exposure share of bars with an open position
 * @param turnover traded notional (both sides) / starting capital
 * @param fees fees and slippage paid, in the account currency
 * @param pnl final equity - starting capital
 * @param coverage share of the Q-table's state space the agents visited (NaN for benchmarks)
 */
public record Metrics(
        String name,
        long bars,
        double totalReturn,
        double returnOnRisk,
        double sharpe,
        double sortino,
        double maxDrawdown,
        double maxDrawdownOnRisk,
        double sharpeOnRisk,
        int trades,
        double winRate,
        double profitFactor,
        double avgHoldingMs,
        double exposure,
        double turnover,
        double fees,
        double pnl,
        double coverage) {

    /** The seed's targets: Sharpe > 1.5, max drawdown better than -15 %, win rate > 45 %. */
    public static final double TARGET_SHARPE = 1.5;

    public static final double TARGET_MAX_DRAWDOWN = -0.15;
    public static final double TARGET_WIN_RATE = 0.45;
    public static final double TARGET_PROFIT_FACTOR = 1.2;
    public static final double TARGET_COVERAGE = 0.01;

    public boolean meetsSharpe() {
        return sharpe > TARGET_SHARPE;
    }

    public boolean meetsMaxDrawdown() {
        return maxDrawdown > TARGET_MAX_DRAWDOWN;
    }

    public boolean meetsWinRate() {
        return winRate > TARGET_WIN_RATE;
    }

    public boolean meetsProfitFactor() {
        return profitFactor > TARGET_PROFIT_FACTOR;
    }

    public boolean meetsCoverage() {
        return coverage > TARGET_COVERAGE;
    }
}
