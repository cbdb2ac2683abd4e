package io.tauflow.agent;

import io.tauflow.schema.Action;
import java.util.Arrays;

/**
 * One agent's situation between candles: its virtual position, streak, what it did last (for the
 * next Q update, with a copy of that state's Q-table row), the meta-control voters' scores, the
 * experience-replay buffer (refinement phase only) and running totals.
 *
 * <p>Laid out flat, like {@code FeatureState}: the scalars sit in three arrays at the named indices
 * below ({@link #doubles}, {@link #longs}, {@link #ints}), so that Flink's POJO serializer, which
 * pays one reflective call per field (two more when it creates an instance to read into), handles
 * six fields on every candle instead of 29. A POJO so Flink state stores it without Kryo.
 */
public class AgentState {

    /** {@link #doubles}: quantity of the virtual position (0 when flat). */
    public static final int POSITION_QTY = 0;

    /** Average entry price of the open position (weighted over its units). */
    public static final int ENTRY_PRICE = 1;

    /** Close of the last candle the agent stepped on. */
    public static final int LAST_PRICE = 2;

    /** Position before the last action: what the voters' alternative proposals start from. */
    public static final int LAST_QTY_BEFORE = 3;

    /** Fees paid by the last action, charged to the next reward. */
    public static final int PENDING_FEE = 4;

    /** Realised P&amp;L net of fees and of the burned share. */
    public static final int REALIZED_PNL = 5;

    /** Realised profit burned (locked away) by the Tau kernel. */
    public static final int BURNED = 6;

    /**
     * Each voter's EWMA of the reward its own proposals would have earned (bps), from here on in
     * {@link QAgent#VOTERS} order.
     */
    public static final int VOTER_SCORES = 7;

    /** Length of {@link #doubles}. */
    public static final int DOUBLES = VOTER_SCORES + QAgent.VOTERS.length;

    /** {@link #longs}: time of the first unit's entry. */
    public static final int ENTRY_TIME_MS = 0;

    /** Learning steps taken (warm candles). */
    public static final int STEPS = 1;

    /** Position transitions: flat to long, long to longer (pyramiding), long to flat (trades). */
    public static final int OPENS = 2;

    public static final int ADDS = 3;
    public static final int TRADES = 4;

    /** Closed trades with a positive P&amp;L. */
    public static final int WINS = 5;

    /** Q-table rows created: the number of distinct states learnt about. */
    public static final int VISITED_STATES = 6;

    /** Length of {@link #longs}. */
    public static final int LONGS = 7;

    /** {@link #ints}: units held: 0 flat, 1 long, more when pyramiding. */
    public static final int UNITS = 0;

    /** Consecutive closed trades: positive wins, negative losses. */
    public static final int STREAK = 1;

    /** State index the last action was taken in, or -1 before the first learning step. */
    public static final int LAST_STATE = 2;

    /** {@code Action.ordinal()} of the last action. */
    public static final int LAST_ACTION = 3;

    /**
     * What {@link #lastRow} is: {@link #ROW_UNKNOWN}, {@link #ROW_SAVED} or {@link #ROW_PENDING}.
     */
    public static final int LAST_ROW = 4;

    /** Transitions held in the replay ring (at most its length), and the slot the next goes to. */
    public static final int REPLAY_COUNT = 5;

    public static final int REPLAY_HEAD = 6;

    /**
     * Each voter's last proposal ({@code Action.ordinal()}, -1 none), from here on in {@link
     * QAgent#VOTERS} order.
     */
    public static final int LAST_PROPOSALS = 7;

    /** Length of {@link #ints}. */
    public static final int INTS = LAST_PROPOSALS + QAgent.VOTERS.length;

    /** {@link #LAST_ROW}: {@link #lastRow} is not known; the next step reads the Q-table. */
    public static final int ROW_UNKNOWN = 0;

    /** {@link #LAST_ROW}: {@link #lastRow} is the row of the last state, as the Q-table has it. */
    public static final int ROW_SAVED = 1;

    /**
     * {@link #LAST_ROW}: {@link #lastRow} is the row of the last state and newer than the Q-table's
     * (the agent has stayed in that state): the row is written to the table when the agent leaves
     * the state and before every checkpoint ({@link QAgent#saveRow}).
     */
    public static final int ROW_PENDING = 2;

    /** {@link #replay}: ints per remembered transition: state, action, next state, units after. */
    public static final int REPLAY_FIELDS = 4;

    /** Amounts, prices and scores at {@link #POSITION_QTY} ... {@link #VOTER_SCORES}. */
    public double[] doubles;

    /** Times and counts at {@link #ENTRY_TIME_MS} ... {@link #VISITED_STATES}. */
    public long[] longs;

    /** Small integers at {@link #UNITS} ... {@link #LAST_PROPOSALS}. */
    public int[] ints;

    /**
     * The Q-table row of the last state as the last step left it (null: the state has no row yet),
     * valid unless {@link #LAST_ROW} is {@link #ROW_UNKNOWN}. Kept here so that the next step need
     * not read it back from the Q-table, and, while the agent stays in that state, need not write
     * it either ({@link #ROW_PENDING}): with the table in RocksDB that saves a read on every candle
     * and a write on every candle that does not change state. Never shares an array with the table.
     */
    public double[] lastRow;

    /**
     * Experience replay ring, {@link #REPLAY_FIELDS} ints per transition, and each transition's
     * reward. Allocated when the refinement phase starts and dropped (null) when it ends.
     */
    public int[] replay;

    public double[] replayRewards;

    /** A flat agent that has taken no step: no position, no last state, last action WAIT. */
    public AgentState() {
        doubles = new double[DOUBLES];
        longs = new long[LONGS];
        ints = new int[INTS];
        ints[LAST_STATE] = -1;
        ints[LAST_ACTION] = Action.WAIT.ordinal();
        Arrays.fill(ints, LAST_PROPOSALS, INTS, -1);
    }

    public double positionQty() {
        return doubles[POSITION_QTY];
    }

    public double entryPrice() {
        return doubles[ENTRY_PRICE];
    }

    public long entryTimeMs() {
        return longs[ENTRY_TIME_MS];
    }

    public int streak() {
        return ints[STREAK];
    }

    public int lastState() {
        return ints[LAST_STATE];
    }

    public Action lastAction() {
        return QAgent.ACTIONS[ints[LAST_ACTION]];
    }

    public long steps() {
        return longs[STEPS];
    }
}
