package io.tauflow.emotion;

import io.tauflow.agent.TradeOutcome;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * {@code length} consecutive wins (or losses) with nothing in between; after a match the next one
 * starts after its last trade, so a run of 8 losses raises the signal twice.
 */
public final class StreakPattern implements EmotionPattern {

    private static final long serialVersionUID = 1L;

    private final boolean wins;
    private final int length;

    private StreakPattern(boolean wins, int length) {
        if (length < 2) {
            throw new IllegalArgumentException("a streak needs at least 2 trades, got " + length);
        }
        this.wins = wins;
        this.length = length;
    }

    /** The seed's "streak > 3": four wins in a row. */
    public static StreakPattern wins(int length) {
        return new StreakPattern(true, length);
    }

    /** The seed's "streak < -3": four losses in a row. */
    public static StreakPattern losses(int length) {
        return new StreakPattern(false, length);
    }

    @Override
    public String name() {
        return wins ? "win-streak" : "loss-streak";
    }

    @Override
    public EmotionSignal.Kind signal() {
        return wins ? EmotionSignal.Kind.WIN_STREAK : EmotionSignal.Kind.LOSS_STREAK;
    }

    @Override
    public Pattern<TradeOutcome, ?> pattern() {
        final boolean w = wins;
        return Pattern.<TradeOutcome>begin("streak", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(
                        new SimpleCondition<TradeOutcome>() {
                            @Override
                            public boolean filter(TradeOutcome t) {
                                return t.win() == w;
                            }
                        })
                .times(length)
                .consecutive();
    }
}
