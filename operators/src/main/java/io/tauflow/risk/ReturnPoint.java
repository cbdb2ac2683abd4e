package io.tauflow.risk;

/** One bar's log return of one symbol: what the VaR windows hold. A POJO. */
public class ReturnPoint {
    public String symbol;
    public long eventTimeMs;
    public double logReturn;

    public ReturnPoint() {}

    public static ReturnPoint of(String symbol, long eventTimeMs, double logReturn) {
        ReturnPoint p = new ReturnPoint();
        p.symbol = symbol;
        p.eventTimeMs = eventTimeMs;
        p.logReturn = logReturn;
        return p;
    }
}
