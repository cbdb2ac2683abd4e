package io.tauflow.agent;

import io.tauflow.schema.Action;

/**
 * One agent's situation between candles: its virtual position, streak, what it did last (for the
 * next Q update) and running totals. A POJO so Flink state stores it without Kryo.
 */
public class AgentState {
    public double positionQty;
    public double entryPrice;
    public long entryTimeMs;

    /** Consecutive closed trades: positive wins, negative losses. */
    public int streak;

    /** State index the last action was taken in, or -1 before the first learning step. */
    public int lastState = -1;

    public Action lastAction = Action.WAIT;
    public double lastPrice;

    /** Fees paid by the last action, charged to the next reward. */
    public double pendingFee;

    public double realizedPnl;
    public long steps;
    public long trades;
    public long wins;

    public AgentState() {}
}
