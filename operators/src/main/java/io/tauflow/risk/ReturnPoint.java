package io.tauflow.risk;

import io.tauflow.schema.Regime;

/**
 * One bar's log return of one symbol: what the VaR windows hold. Carries the bar length (for
 * annualising volatility; 0 if unknown) and the symbol's regime at that bar (for regime-conditioned
 * Monte Carlo; null if unknown). A POJO.
 */
public class ReturnPoint {
    public String symbol;
    public long eventTimeMs;
    public double logReturn;
    public long intervalMs;
    public Regime regime;

    public ReturnPoint() {}

    public static ReturnPoint of(String symbol, long eventTimeMs, double logReturn) {
        ReturnPoint p = new ReturnPoint();
        p.symbol = symbol;
        p.eventTimeMs = eventTimeMs;
        p.logReturn = logReturn;
        return p;
    }

    public static ReturnPoint of(
            String symbol, long eventTimeMs, double logReturn, long intervalMs, Regime regime) {
        ReturnPoint p = of(symbol, eventTimeMs, logReturn);
        p.intervalMs = intervalMs;
        p.regime = regime;
        return p;
    }
}
