package io.tauflow.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tauflow.schema.Action;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AgentStateTest {

    /** One named scalar: how to write it, how to read it, and a value no other scalar gets. */
    private record Named<T>(
            String name, BiConsumer<AgentState, T> set, Function<AgentState, T> get, T value) {

        void write(AgentState s) {
            set.accept(s, value);
        }
    }

    private static <T> Named<T> named(
            String name, BiConsumer<AgentState, T> set, Function<AgentState, T> get, T value) {
        return new Named<>(name, set, get, value);
    }

    /** Every scalar with a setter, each with its own value. */
    private static final List<Named<?>> SCALARS =
            List.of(
                    named("positionQty", AgentState::setPositionQty, AgentState::positionQty, 1.5),
                    named("entryPrice", AgentState::setEntryPrice, AgentState::entryPrice, 2.5),
                    named("lastPrice", AgentState::setLastPrice, AgentState::lastPrice, 3.5),
                    named(
                            "lastQtyBefore",
                            AgentState::setLastQtyBefore,
                            AgentState::lastQtyBefore,
                            4.5),
                    named("pendingFee", AgentState::setPendingFee, AgentState::pendingFee, 5.5),
                    named("realizedPnl", AgentState::setRealizedPnl, AgentState::realizedPnl, 6.5),
                    named("burned", AgentState::setBurned, AgentState::burned, 7.5),
                    named(
                            "voterScore(0)",
                            (s, v) -> s.setVoterScore(0, v),
                            s -> s.voterScore(0),
                            8.5),
                    named(
                            "voterScore(1)",
                            (s, v) -> s.setVoterScore(1, v),
                            s -> s.voterScore(1),
                            9.5),
                    named(
                            "voterScore(2)",
                            (s, v) -> s.setVoterScore(2, v),
                            s -> s.voterScore(2),
                            10.5),
                    named("entryTimeMs", AgentState::setEntryTimeMs, AgentState::entryTimeMs, 101L),
                    named("steps", AgentState::setSteps, AgentState::steps, 102L),
                    named("opens", AgentState::setOpens, AgentState::opens, 103L),
                    named("adds", AgentState::setAdds, AgentState::adds, 104L),
                    named("trades", AgentState::setTrades, AgentState::trades, 105L),
                    named("wins", AgentState::setWins, AgentState::wins, 106L),
                    named(
                            "visitedStates",
                            AgentState::setVisitedStates,
                            AgentState::visitedStates,
                            107L),
                    named(
                            "lastDecisionMs",
                            AgentState::setLastDecisionMs,
                            AgentState::lastDecisionMs,
                            108L),
                    named("units", AgentState::setUnits, AgentState::units, 11),
                    named("streak", AgentState::setStreak, AgentState::streak, -12),
                    named("lastState", AgentState::setLastState, AgentState::lastState, 13),
                    named(
                            "lastAction",
                            AgentState::setLastAction,
                            AgentState::lastAction,
                            Action.SELL),
                    named(
                            "lastRowStatus",
                            AgentState::setLastRowStatus,
                            AgentState::lastRowStatus,
                            AgentState.RowStatus.PENDING),
                    named(
                            "lastProposal(0)",
                            (s, v) -> s.setLastProposal(0, v),
                            s -> s.lastProposal(0),
                            21),
                    named(
                            "lastProposal(1)",
                            (s, v) -> s.setLastProposal(1, v),
                            s -> s.lastProposal(1),
                            22),
                    named(
                            "lastProposal(2)",
                            (s, v) -> s.setLastProposal(2, v),
                            s -> s.lastProposal(2),
                            23));

    @Test
    void aNewStateIsAFlatAgentThatHasTakenNoStep() {
        AgentState s = new AgentState();

        assertThat(s.positionQty()).isZero();
        assertThat(s.units()).isZero();
        assertThat(s.steps()).isZero();
        assertThat(s.lastState()).isEqualTo(-1);
        assertThat(s.lastAction()).isEqualTo(Action.WAIT);
        assertThat(s.lastRowStatus()).isEqualTo(AgentState.RowStatus.UNKNOWN);
        assertThat(s.replayCount()).isZero();
        for (int voter = 0; voter < QAgent.VOTERS.length; voter++) {
            assertThat(s.lastProposal(voter)).isEqualTo(-1);
            assertThat(s.voterScore(voter)).isZero();
        }
    }

    @Test
    void everyNamedScalarReadsBackWhatWasWrittenWithNoOtherNameOnItsSlot() {
        AgentState s = new AgentState();
        // the replay ring's count (4) and head (3) share the ints array with the scalars
        for (int i = 0; i < 7; i++) {
            s.remember(4, i, 0, 0.0, i + 1, 0);
        }
        SCALARS.forEach(n -> n.write(s));

        for (Named<?> n : SCALARS) {
            assertThat(n.get.apply(s)).as(n.name).isEqualTo(n.value);
        }
        assertThat(s.replayCount()).isEqualTo(4);
    }

    @Test
    void aStateSavedBeforeTheLastDecisionTimeExistedReadsAsNoDecisionYet() {
        AgentState old = new AgentState();
        old.longs = java.util.Arrays.copyOf(old.longs, 7); // as savepoints of earlier versions hold
        assertThat(old.lastDecisionMs()).isEqualTo(Long.MIN_VALUE);
        old.setLastDecisionMs(60_000L);
        assertThat(old.longs).hasSize(8);
        assertThat(old.lastDecisionMs()).isEqualTo(60_000L);
    }

    @Test
    void theArraysKeepTheLayoutSavepointsHold() {
        AgentState s = new AgentState();
        for (int i = 0; i < 7; i++) {
            s.remember(4, i, 0, 0.0, i + 1, 0);
        }
        SCALARS.forEach(n -> n.write(s));

        // every slot of every array has exactly one name, in this order
        assertThat(s.doubles).containsExactly(1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5);
        assertThat(s.longs).containsExactly(101L, 102L, 103L, 104L, 105L, 106L, 107L, 108L);
        assertThat(s.ints)
                .containsExactly(
                        11,
                        -12,
                        13,
                        Action.SELL.ordinal(),
                        AgentState.RowStatus.PENDING.ordinal(),
                        4,
                        3,
                        21,
                        22,
                        23);
        assertThat(AgentState.RowStatus.values())
                .containsExactly(
                        AgentState.RowStatus.UNKNOWN,
                        AgentState.RowStatus.SAVED,
                        AgentState.RowStatus.PENDING);
    }

    @Test
    void countersCountOneAtATime() {
        AgentState s = new AgentState();
        s.incrementSteps();
        s.incrementOpens();
        s.incrementOpens();
        s.incrementAdds();
        s.incrementAdds();
        s.incrementAdds();
        s.incrementTrades();
        s.incrementTrades();
        s.incrementTrades();
        s.incrementTrades();
        s.incrementWins();
        s.incrementVisitedStates();
        s.incrementVisitedStates();

        assertThat(s.steps()).isEqualTo(1);
        assertThat(s.opens()).isEqualTo(2);
        assertThat(s.adds()).isEqualTo(3);
        assertThat(s.trades()).isEqualTo(4);
        assertThat(s.wins()).isEqualTo(1);
        assertThat(s.visitedStates()).isEqualTo(2);
        assertThat(s.entryTimeMs()).isZero();
    }

    @Test
    void theReplayRingKeepsTheLastTransitionsUpToItsCapacity() {
        AgentState s = new AgentState();
        for (int i = 0; i < 5; i++) {
            s.remember(3, 10 + i, i % 4, 0.5 * i, 20 + i, i);
        }

        assertThat(s.replayCount()).isEqualTo(3);
        // transitions 3 and 4 overwrote slots 0 and 1; slot 2 holds transition 2
        int[] held = {3, 4, 2};
        for (int slot = 0; slot < 3; slot++) {
            int i = held[slot];
            assertThat(s.replayState(slot)).as("state %d", slot).isEqualTo(10 + i);
            assertThat(s.replayAction(slot)).as("action %d", slot).isEqualTo(i % 4);
            assertThat(s.replayReward(slot)).as("reward %d", slot).isEqualTo(0.5 * i);
            assertThat(s.replayNextState(slot)).as("next %d", slot).isEqualTo(20 + i);
            assertThat(s.replayUnitsAfter(slot)).as("units %d", slot).isEqualTo(i);
        }

        s.remember(2, 1, 2, 3.0, 4, 5);
        assertThat(s.replayCount()).as("a ring of another capacity starts over").isEqualTo(1);
        assertThat(s.replay).hasSize(2 * 4);
        assertThat(s.replayState(0)).isEqualTo(1);

        s.releaseReplay();
        assertThat(s.replay).isNull();
        assertThat(s.replayRewards).isNull();
        assertThat(s.replayCount()).isZero();
    }

    @Test
    void aVoterOutsideTheVotersIsRefusedRatherThanReachingAnotherSlot() {
        AgentState s = new AgentState();
        int voters = QAgent.VOTERS.length;

        assertThatThrownBy(() -> s.voterScore(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> s.setVoterScore(voters, 1.0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> s.lastProposal(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> s.setLastProposal(voters, 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
