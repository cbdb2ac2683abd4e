package io.tauflow.agent;

import io.tauflow.schema.Action;
import java.util.Arrays;
import java.util.Objects;

/**
 * One agent's situation between candles: its virtual position, streak, what it did last (for the
 * next Q update, with a copy of that state's Q-table row), the meta-control voters' scores, the
 * experience-replay buffer (refinement phase only) and running totals.
 *
 * <p>Laid out flat, like {@code FeatureState}: the scalars sit in three arrays ({@link #doubles},
 * {@link #longs}, {@link #ints}) at the private indices below, so that Flink's POJO serializer,
 * which pays one reflective call per field (two more when it creates an instance to read into),
 * handles six fields on every candle instead of 29. A POJO so Flink state stores it without Kryo.
 * Nothing outside this class indexes the arrays: every scalar has a named getter and setter here,
 * so an index of one array cannot be used on another. The arrays stay public fields (the POJO
 * serializer and savepoints know them by name) and their layout must not change: a savepoint holds
 * them as they are.
 */
public class AgentState {

    /** Meta-control voters: {@link QAgent#VOTERS}. */
    private static final int VOTERS = QAgent.VOTERS.length;

    /** {@link #doubles}: quantity of the virtual position (0 when flat). */
    private static final int POSITION_QTY = 0;

    /** Average entry price of the open position (weighted over its units). */
    private static final int ENTRY_PRICE = 1;

    /** Close of the last candle the agent stepped on. */
    private static final int LAST_PRICE = 2;

    /** Position before the last action: what the voters' alternative proposals start from. */
    private static final int LAST_QTY_BEFORE = 3;

    /** Fees paid by the last action, charged to the next reward. */
    private static final int PENDING_FEE = 4;

    /** Realised P&amp;L net of fees and of the burned share. */
    private static final int REALIZED_PNL = 5;

    /** Realised profit burned (locked away) by the Tau kernel. */
    private static final int BURNED = 6;

    /**
     * Each voter's EWMA of the reward its own proposals would have earned (bps), from here on in
     * {@link QAgent#VOTERS} order.
     */
    private static final int VOTER_SCORES = 7;

    /** Length of {@link #doubles}. */
    private static final int DOUBLES = VOTER_SCORES + VOTERS;

    /** {@link #longs}: time of the first unit's entry. */
    private static final int ENTRY_TIME_MS = 0;

    /** Learning steps taken (warm candles). */
    private static final int STEPS = 1;

    /** Position transitions: flat to long, long to longer (pyramiding), long to flat (trades). */
    private static final int OPENS = 2;

    private static final int ADDS = 3;
    private static final int TRADES = 4;

    /** Closed trades with a positive P&amp;L. */
    private static final int WINS = 5;

    /** Q-table rows created: the number of distinct states learnt about. */
    private static final int VISITED_STATES = 6;

    /**
     * Open time of the bar of the last decision taken under a decision interval ({@link
     * DecisionRules#decides}); {@code Long.MIN_VALUE} before the first. Added after savepoints with
     * 7 longs existed: {@link #lastDecisionMs()} reads a shorter array as "none yet".
     */
    private static final int LAST_DECISION_MS = 7;

    /** Length of {@link #longs}. */
    private static final int LONGS = 8;

    /** {@link #ints}: units held: 0 flat, 1 long, more when pyramiding. */
    private static final int UNITS = 0;

    /** Consecutive closed trades: positive wins, negative losses. */
    private static final int STREAK = 1;

    /** State index the last action was taken in, or -1 before the first learning step. */
    private static final int LAST_STATE = 2;

    /** {@code Action.ordinal()} of the last action. */
    private static final int LAST_ACTION = 3;

    /** What {@link #lastRow} is: the {@link RowStatus#ordinal()} of its status. */
    private static final int LAST_ROW = 4;

    /** Transitions held in the replay ring (at most its length), and the slot the next goes to. */
    private static final int REPLAY_COUNT = 5;

    private static final int REPLAY_HEAD = 6;

    /**
     * Each voter's last proposal ({@code Action.ordinal()}, -1 none), from here on in {@link
     * QAgent#VOTERS} order.
     */
    private static final int LAST_PROPOSALS = 7;

    /** Length of {@link #ints}. */
    private static final int INTS = LAST_PROPOSALS + VOTERS;

    /**
     * {@link #replay}: ints per remembered transition: state, action, next state, units after, at
     * these offsets.
     */
    private static final int REPLAY_FIELDS = 4;

    private static final int REPLAY_FROM = 0;
    private static final int REPLAY_ACTION = 1;
    private static final int REPLAY_NEXT = 2;
    private static final int REPLAY_UNITS_AFTER = 3;

    /**
     * What {@link #lastRow} is. Stored as its ordinal (savepoints hold it): add new values at the
     * end only.
     */
    public enum RowStatus {
        /** {@link #lastRow} is not known; the next step reads the Q-table. */
        UNKNOWN,

        /** {@link #lastRow} is the row of the last state, as the Q-table has it. */
        SAVED,

        /**
         * {@link #lastRow} is the row of the last state and newer than the Q-table's (the agent has
         * stayed in that state): the row is written to the table when the agent leaves the state
         * and before every checkpoint ({@link QAgent#saveRow}).
         */
        PENDING
    }

    private static final RowStatus[] ROW_STATUSES = RowStatus.values();

    /** Amounts, prices and scores: {@link #positionQty()} ... {@link #voterScore(int)}. */
    public double[] doubles;

    /** Times and counts: {@link #entryTimeMs()} ... {@link #visitedStates()}. */
    public long[] longs;

    /** Small integers: {@link #units()} ... {@link #lastProposal(int)}. */
    public int[] ints;

    /**
     * The Q-table row of the last state as the last step left it (null: the state has no row yet),
     * valid unless {@link #lastRowStatus()} is {@link RowStatus#UNKNOWN}. Kept here so that the
     * next step need not read it back from the Q-table, and, while the agent stays in that state,
     * need not write it either ({@link RowStatus#PENDING}): with the table in RocksDB that saves a
     * read on every candle and a write on every candle that does not change state. Never shares an
     * array with the table.
     */
    public double[] lastRow;

    /**
     * Experience replay ring, four ints per transition (see {@link #remember}), and each
     * transition's reward. Allocated when the refinement phase starts and dropped (null) when it
     * ends.
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
        longs[LAST_DECISION_MS] = Long.MIN_VALUE;
    }

    /**
     * Ready for a new pass over history (training, {@code bin/tauflow train}): what the agent has
     * learnt stays (steps and so the exploration phase, the voters' scores, the replay buffer, the
     * counts and realised totals), what belongs to the last pass's market goes: the virtual
     * position is dropped unpriced, and the next candle starts a new learning step without a reward
     * from the previous pass's last price.
     */
    public void startNewPass() {
        setPositionQty(0.0);
        setEntryPrice(0.0);
        setEntryTimeMs(0L);
        setUnits(0);
        setLastPrice(0.0);
        setLastQtyBefore(0.0);
        setPendingFee(0.0);
        setStreak(0);
        ints[LAST_STATE] = -1;
        ints[LAST_ACTION] = Action.WAIT.ordinal();
        Arrays.fill(ints, LAST_PROPOSALS, INTS, -1);
        lastRow = null;
        setLastRowStatus(RowStatus.UNKNOWN);
        setLastDecisionMs(Long.MIN_VALUE);
    }

    public long lastDecisionMs() {
        return longs.length > LAST_DECISION_MS ? longs[LAST_DECISION_MS] : Long.MIN_VALUE;
    }

    public void setLastDecisionMs(long timeMs) {
        if (longs.length <= LAST_DECISION_MS) {
            longs = Arrays.copyOf(longs, LONGS);
        }
        longs[LAST_DECISION_MS] = timeMs;
    }

    // doubles

    /** Quantity of the virtual position (0 when flat). */
    public double positionQty() {
        return doubles[POSITION_QTY];
    }

    public void setPositionQty(double qty) {
        doubles[POSITION_QTY] = qty;
    }

    /** Average entry price of the open position (weighted over its units). */
    public double entryPrice() {
        return doubles[ENTRY_PRICE];
    }

    public void setEntryPrice(double price) {
        doubles[ENTRY_PRICE] = price;
    }

    /** Close of the last candle the agent stepped on. */
    public double lastPrice() {
        return doubles[LAST_PRICE];
    }

    public void setLastPrice(double price) {
        doubles[LAST_PRICE] = price;
    }

    /** Position before the last action: what the voters' alternative proposals start from. */
    public double lastQtyBefore() {
        return doubles[LAST_QTY_BEFORE];
    }

    public void setLastQtyBefore(double qty) {
        doubles[LAST_QTY_BEFORE] = qty;
    }

    /** Fees paid by the last action, charged to the next reward. */
    public double pendingFee() {
        return doubles[PENDING_FEE];
    }

    public void setPendingFee(double fee) {
        doubles[PENDING_FEE] = fee;
    }

    /** Realised P&amp;L net of fees and of the burned share. */
    public double realizedPnl() {
        return doubles[REALIZED_PNL];
    }

    public void setRealizedPnl(double pnl) {
        doubles[REALIZED_PNL] = pnl;
    }

    /** Realised profit burned (locked away) by the Tau kernel. */
    public double burned() {
        return doubles[BURNED];
    }

    public void setBurned(double burned) {
        doubles[BURNED] = burned;
    }

    /**
     * The voter's EWMA of the reward its own proposals would have earned (bps); {@code voter} is an
     * index of {@link QAgent#VOTERS}.
     */
    public double voterScore(int voter) {
        return doubles[VOTER_SCORES + Objects.checkIndex(voter, VOTERS)];
    }

    public void setVoterScore(int voter, double score) {
        doubles[VOTER_SCORES + Objects.checkIndex(voter, VOTERS)] = score;
    }

    // longs

    /** Time of the first unit's entry. */
    public long entryTimeMs() {
        return longs[ENTRY_TIME_MS];
    }

    public void setEntryTimeMs(long timeMs) {
        longs[ENTRY_TIME_MS] = timeMs;
    }

    /** Learning steps taken (warm candles). */
    public long steps() {
        return longs[STEPS];
    }

    public void setSteps(long steps) {
        longs[STEPS] = steps;
    }

    public void incrementSteps() {
        longs[STEPS]++;
    }

    /** Positions opened: flat to long. */
    public long opens() {
        return longs[OPENS];
    }

    public void setOpens(long opens) {
        longs[OPENS] = opens;
    }

    public void incrementOpens() {
        longs[OPENS]++;
    }

    /** Units added to an open position: long to longer (pyramiding). */
    public long adds() {
        return longs[ADDS];
    }

    public void setAdds(long adds) {
        longs[ADDS] = adds;
    }

    public void incrementAdds() {
        longs[ADDS]++;
    }

    /** Closed trades: long to flat. */
    public long trades() {
        return longs[TRADES];
    }

    public void setTrades(long trades) {
        longs[TRADES] = trades;
    }

    public void incrementTrades() {
        longs[TRADES]++;
    }

    /** Closed trades with a positive P&amp;L. */
    public long wins() {
        return longs[WINS];
    }

    public void setWins(long wins) {
        longs[WINS] = wins;
    }

    public void incrementWins() {
        longs[WINS]++;
    }

    /** Q-table rows created: the number of distinct states learnt about. */
    public long visitedStates() {
        return longs[VISITED_STATES];
    }

    public void setVisitedStates(long visited) {
        longs[VISITED_STATES] = visited;
    }

    public void incrementVisitedStates() {
        longs[VISITED_STATES]++;
    }

    // ints

    /** Units held: 0 flat, 1 long, more when pyramiding. */
    public int units() {
        return ints[UNITS];
    }

    public void setUnits(int units) {
        ints[UNITS] = units;
    }

    /** Consecutive closed trades: positive wins, negative losses. */
    public int streak() {
        return ints[STREAK];
    }

    public void setStreak(int streak) {
        ints[STREAK] = streak;
    }

    /** State index the last action was taken in, or -1 before the first learning step. */
    public int lastState() {
        return ints[LAST_STATE];
    }

    public void setLastState(int state) {
        ints[LAST_STATE] = state;
    }

    /** The last action (WAIT before the first step). */
    public Action lastAction() {
        return QAgent.ACTIONS[ints[LAST_ACTION]];
    }

    public void setLastAction(Action action) {
        ints[LAST_ACTION] = action.ordinal();
    }

    /** What {@link #lastRow} is. */
    public RowStatus lastRowStatus() {
        return ROW_STATUSES[ints[LAST_ROW]];
    }

    public void setLastRowStatus(RowStatus status) {
        ints[LAST_ROW] = status.ordinal();
    }

    /**
     * The voter's last proposal, {@code Action.ordinal()} or -1 for none; {@code voter} is an index
     * of {@link QAgent#VOTERS}.
     */
    public int lastProposal(int voter) {
        return ints[LAST_PROPOSALS + Objects.checkIndex(voter, VOTERS)];
    }

    public void setLastProposal(int voter, int action) {
        ints[LAST_PROPOSALS + Objects.checkIndex(voter, VOTERS)] = action;
    }

    // the replay ring

    /** Transitions held in the replay ring (0 without one). */
    public int replayCount() {
        return ints[REPLAY_COUNT];
    }

    /**
     * Adds a transition to the replay ring, overwriting the oldest once {@code capacity} are held;
     * (re)allocates an empty ring if there is none of that capacity.
     */
    public void remember(
            int capacity, int state, int action, double reward, int next, int unitsAfter) {
        if (replayRewards == null || replayRewards.length != capacity) {
            replay = new int[capacity * REPLAY_FIELDS];
            replayRewards = new double[capacity];
            ints[REPLAY_COUNT] = 0;
            ints[REPLAY_HEAD] = 0;
        }
        int i = ints[REPLAY_HEAD];
        int at = i * REPLAY_FIELDS;
        replay[at + REPLAY_FROM] = state;
        replay[at + REPLAY_ACTION] = action;
        replay[at + REPLAY_NEXT] = next;
        replay[at + REPLAY_UNITS_AFTER] = unitsAfter;
        replayRewards[i] = reward;
        ints[REPLAY_HEAD] = (i + 1) % capacity;
        ints[REPLAY_COUNT] = Math.min(capacity, ints[REPLAY_COUNT] + 1);
    }

    /** Drops the replay ring. */
    public void releaseReplay() {
        replay = null;
        replayRewards = null;
        ints[REPLAY_COUNT] = 0;
        ints[REPLAY_HEAD] = 0;
    }

    /** State of remembered transition {@code i} (ring slot, below {@link #replayCount()}). */
    public int replayState(int i) {
        return replay[i * REPLAY_FIELDS + REPLAY_FROM];
    }

    /** {@code Action.ordinal()} taken in transition {@code i}. */
    public int replayAction(int i) {
        return replay[i * REPLAY_FIELDS + REPLAY_ACTION];
    }

    /** State transition {@code i} led to. */
    public int replayNextState(int i) {
        return replay[i * REPLAY_FIELDS + REPLAY_NEXT];
    }

    /** Units held after transition {@code i}. */
    public int replayUnitsAfter(int i) {
        return replay[i * REPLAY_FIELDS + REPLAY_UNITS_AFTER];
    }

    /** Reward of transition {@code i}. */
    public double replayReward(int i) {
        return replayRewards[i];
    }
}
