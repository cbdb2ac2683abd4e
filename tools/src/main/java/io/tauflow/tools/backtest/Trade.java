package io.tauflow.tools.backtest;

/**
 * One round trip of a book: a long position from its entry fill to its exit fill.
 *
 * @param symbol the symbol
 * @param entryTimeMs time of the entry fill (the bar whose price it filled at)
 * @param entryPrice fill price of the entry, slippage included
 * @param exitTimeMs time of the exit fill
 * @param exitPrice fill price of the exit, slippage included
 * @param quantity units bought and sold
 * @param fees fees of both fills (slippage is in the prices)
 * @param pnl (exit - entry) x quantity - fees
 * @param exitReason why it closed: "SELL " and what decided the sell (its decision source), or END
 *     (still open after the symbol's last bar, closed at its close)
 * @param emotionAtEntry the symbol's emotion when the entry order was decided
 * @param decisionSource what decided the entry: the winning voter (Q, momentum, mean reversion) or
 *     an exit rule of the sizer
 */
public record Trade(
        String symbol,
        long entryTimeMs,
        double entryPrice,
        long exitTimeMs,
        double exitPrice,
        double quantity,
        double fees,
        double pnl,
        String exitReason,
        String emotionAtEntry,
        String decisionSource) {}
