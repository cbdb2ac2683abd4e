package io.tauflow.risk;

/** Running risk counters of one account. A POJO. */
public class AccountRisk {
    /** UTC day (epoch ms / 86,400,000) the loss counter belongs to. */
    public long day = Long.MIN_VALUE;

    public double dayRealizedPnl;
    public double totalRealizedPnl;
    public long approved;
    public long rejected;

    public AccountRisk() {}
}
