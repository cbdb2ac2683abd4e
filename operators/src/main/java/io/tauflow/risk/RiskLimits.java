package io.tauflow.risk;

import java.io.Serializable;

/**
 * The limits the risk gate enforces, per account.
 *
 * @param maxOrderNotional largest notional of one opening order
 * @param dailyLossLimit realised loss (a positive amount) at which the account stops opening
 *     positions until the next UTC day, in event time
 * @param varBudget largest one-bar 99 % VaR of one opening order (notional x VaR99), quote currency
 * @param killSwitchAllowsClosing whether closing orders pass an active kill switch
 */
public record RiskLimits(
        double maxOrderNotional,
        double dailyLossLimit,
        double varBudget,
        boolean killSwitchAllowsClosing)
        implements Serializable {

    public RiskLimits {
        if (!(maxOrderNotional > 0)) {
            throw new IllegalArgumentException(
                    "max order notional must be > 0, got " + maxOrderNotional);
        }
        if (!(dailyLossLimit > 0)) {
            throw new IllegalArgumentException(
                    "daily loss limit is a positive amount of loss, got " + dailyLossLimit);
        }
        if (!(varBudget > 0)) {
            throw new IllegalArgumentException("VaR budget must be > 0, got " + varBudget);
        }
    }

    public static RiskLimits defaults() {
        return new RiskLimits(1_000.0, 500.0, 10.0, true);
    }
}
