package io.tauflow.agent;

import io.tauflow.schema.Action;

/**
 * One agent's situation between candles: its virtual position, streak, what it did last (for the
 * next Q update, with a copy of that state's Q-table row), the meta-control voters' scores, the
 * experience-replay buffer (refinement phase only) and running totals. A POJO so Flink state stores
 * it without Kryo; the arrays are allocated by {@link QAgent} on first use.
 */
public class AgentState {
    public double positionQty;

    /** Average entry price of the open position (weighted over its units). */
    public double entryPrice;

    /** Time of the first unit's entry. */
    public long entryTimeMs;

    /** Units held: 0 flat, 1 long, more when pyramiding. */
    public int units;

    /** Consecutive closed trades: positive wins, negative losses. */
    public int streak;

    /** State index the last action was taken in, or -1 before the first learning step. */
    public int lastState = -1;

    /**
     * The Q-table row of {@link #lastState} as the last step left it (null: the state has no row
     * yet), valid when {@link #lastRowKnown}. A copy kept here so that the next step need not read
     * it back from the Q-table: with the table in RocksDB that saves one read per candle. The
     * Q-table itself always holds the same values; this is never the only copy of a row.
     */
    public double[] lastRow;

    public boolean lastRowKnown;

    public Action lastAction = Action.WAIT;
    public double lastPrice;

    /** Position before the last action: what the voters' alternative proposals start from. */
    public double lastQtyBefore;

    /** Fees paid by the last action, charged to the next reward. */
    public double pendingFee;

    /** Realised P&amp;L net of fees and of the burned share. */
    public double realizedPnl;

    /** Realised profit burned (locked away) by the Tau kernel. */
    public double burned;

    public long steps;

    /** Position transitions: flat to long, long to longer (pyramiding), long to flat (= trades). */
    public long opens;

    public long adds;
    public long trades;
    public long wins;

    /** Q-table rows created: the number of distinct states learnt about. */
    public long visitedStates;

    /** Each voter's last proposal (Action ordinal, -1 none): Q, momentum, mean reversion. */
    public int[] lastProposals;

    /** Each voter's EWMA of the reward its own proposals would have earned (bps). */
    public double[] voterScores;

    /**
     * Experience replay ring buffer: state, action ordinal, reward, next state, units after.
     * Allocated when the refinement phase starts and dropped (null) when it ends.
     */
    public int[] replayState;

    public int[] replayAction;
    public double[] replayReward;
    public int[] replayNext;
    public int[] replayNextUnits;

    /** Transitions held (at most the buffer's length) and the slot the next one goes to. */
    public int replayCount;

    public int replayHead;

    public AgentState() {}
}
