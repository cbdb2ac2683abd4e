package io.tauflow.risk;

import java.util.Objects;

/**
 * Historical risk of one symbol over one window of one-bar log returns. VaR and CVaR are losses, as
 * positive fractions of position value over one bar. A POJO.
 */
public class VarEstimate {
    public String symbol;

    /** Last millisecond of the window: the estimate's event time. */
    public long windowEndMs;

    public int returns;
    public double var95;
    public double var99;
    public double cvar95;
    public double cvar99;

    /** Sample standard deviation of the window's one-bar log returns. */
    public double volatility;

    public VarEstimate() {}

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VarEstimate)) {
            return false;
        }
        VarEstimate v = (VarEstimate) o;
        return windowEndMs == v.windowEndMs
                && returns == v.returns
                && Objects.equals(symbol, v.symbol)
                && var95 == v.var95
                && var99 == v.var99
                && cvar95 == v.cvar95
                && cvar99 == v.cvar99;
    }

    @Override
    public int hashCode() {
        return Objects.hash(symbol, windowEndMs);
    }

    @Override
    public String toString() {
        return String.format(
                "%s@%d n=%d VaR95=%.5f VaR99=%.5f CVaR95=%.5f CVaR99=%.5f vol=%.5f",
                symbol, windowEndMs, returns, var95, var99, cvar95, cvar99, volatility);
    }
}
