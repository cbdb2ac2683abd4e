package io.tauflow.tools.backtest;

/**
 * The books' equity at the close of one bar time (all symbols' bars at that time marked).
 *
 * @param timeMs the bar's open time
 * @param agents equity of the agents' orders, all symbols together
 * @param buyAndHold equity of buying every symbol at its first bar, equal weight, and holding
 * @param baseline equity of the SMA 20/50 crossover rule (long only) on every symbol, equal weight
 * @param drawdown the agents' fall from their running peak, a fraction (0 or negative)
 * @param positionValue the agents' gross position value at this close
 * @param emotion the emotions of the symbols at this time, e.g. "SPY:NEUTRAL IBM:WORRIED"
 */
public record EquityPoint(
        long timeMs,
        double agents,
        double buyAndHold,
        double baseline,
        double drawdown,
        double positionValue,
        String emotion) {}
