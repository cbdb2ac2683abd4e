package io.tauflow.risk;

import java.util.HashMap;
import java.util.Map;

/**
 * Everything the risk gate knows about one account, in one value so that {@link RiskGate#check}
 * reads no state: per-symbol books, the latest portfolio estimate, realised P&amp;L, peak equity,
 * the day, the throttle's recent order times and the duplicate-id memory. Both memories are
 * fixed-size rings, bounded by count and driven by event time, so they need no state TTL (which
 * runs on processing time and would make a replay forget differently from the live run). A POJO.
 */
public class AccountRisk {
    /** Books by symbol. */
    public Map<String, PositionState> symbols = new HashMap<>();

    /**
     * The account's latest joint statistics of its symbols' returns (aligned bars, means,
     * covariance), for the VaR budget; null until a window has enough bars common to its symbols.
     */
    public PortfolioRisk portfolio;

    /** End of the latest window the gate computed the account's figures for; MIN before any. */
    public long windowEndMs = Long.MIN_VALUE;

    /** Risk level ordinal of the account's book at {@link #windowEndMs}; -1 before. */
    public int riskLevel = -1;

    /**
     * The account's clock: the latest event time it has seen. The job's input is sorted, so this is
     * normally the current event's own time; an older event (only possible outside the job) cannot
     * move the throttle window or the day backwards.
     */
    public long clockMs = Long.MIN_VALUE;

    /** The current day in the limits' zone (see {@link RiskLimits#dayOf}). */
    public long day = Long.MIN_VALUE;

    public double totalRealizedPnl;

    /**
     * Highest equity seen (starting capital + realised + unrealised); NaN before the first event.
     */
    public double peakEquity = Double.NaN;

    /**
     * Event times of the latest approved orders, one slot per order the throttle allows (the oldest
     * slot is overwritten); Long.MIN_VALUE marks an empty slot.
     */
    public long[] orderTimes;

    /** The latest client order ids decided (ring of duplicate-memory slots) and their hashes. */
    public String[] recentIds;

    public int[] recentIdHashes;
    public int recentIdsNext;

    public long approved;
    public long rejected;

    public AccountRisk() {}

    /** The book of a symbol, created empty when first needed. */
    public PositionState symbol(String symbol) {
        PositionState p = symbols.get(symbol);
        if (p == null) {
            p = new PositionState();
            symbols.put(symbol, p);
        }
        return p;
    }
}
