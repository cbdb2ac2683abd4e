package io.tauflow.emotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tauflow.agent.TradeOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.cep.CEP;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The streak patterns as the job runs them: CEP in event time over one symbol's closed trades, on a
 * MiniCluster with bounded input (no Kafka, so a unit test, not an ITCase).
 */
class StreakPatternTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final boolean WIN = true;
    private static final boolean LOSS = false;

    /** The i-th trade's exit time (1-based, one minute apart). */
    private static long exit(int i) {
        return T0.plus(Duration.ofMinutes(i)).toEpochMilli();
    }

    private static TradeOutcome trade(String symbol, int i, boolean win) {
        TradeOutcome t = new TradeOutcome();
        t.symbol = symbol;
        t.entryTimeMs = exit(i) - 30_000;
        t.exitTimeMs = exit(i);
        t.entryPrice = 100.0;
        t.exitPrice = win ? 101.0 : 99.0;
        t.quantity = 1.5;
        t.pnl = win ? 1.45 : -1.55;
        return t;
    }

    private static List<TradeOutcome> trades(String symbol, boolean... outcomes) {
        List<TradeOutcome> out = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            out.add(trade(symbol, i + 1, outcomes[i]));
        }
        return out;
    }

    /** Runs the job's patterns (four in a row) over the trades and collects the signals. */
    private static List<EmotionSignal> signals(List<TradeOutcome> trades) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Configuration c = new Configuration();
        c.set(PipelineOptions.GENERIC_TYPES, false);
        env.configure(c);
        env.setParallelism(1);
        DataStream<TradeOutcome> outcomes =
                env.fromData(trades)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<TradeOutcome>forMonotonousTimestamps()
                                        .withTimestampAssigner((t, ts) -> t.exitTimeMs));
        DataStream<EmotionSignal> all = null;
        for (EmotionPattern p : List.of(StreakPattern.losses(4), StreakPattern.wins(4))) {
            DataStream<EmotionSignal> s =
                    CEP.pattern(outcomes.keyBy(t -> t.symbol), p.pattern())
                            .inEventTime()
                            .process(new StreakSignalFunction(p.signal()))
                            .returns(EmotionSignal.class);
            all = all == null ? s : all.union(s);
        }
        List<EmotionSignal> out = new ArrayList<>();
        try (CloseableIterator<EmotionSignal> it = all.executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        out.sort(
                (a, b) ->
                        a.eventTimeMs != b.eventTimeMs
                                ? Long.compare(a.eventTimeMs, b.eventTimeMs)
                                : a.symbol.compareTo(b.symbol));
        return out;
    }

    @Test
    void eightLossesInARowRaiseTheLossStreakTwice() throws Exception {
        List<EmotionSignal> out =
                signals(trades("AAA", LOSS, LOSS, LOSS, LOSS, LOSS, LOSS, LOSS, LOSS));

        assertThat(out)
                .containsExactly(
                        EmotionSignal.of("AAA", exit(4), EmotionSignal.Kind.LOSS_STREAK),
                        EmotionSignal.of("AAA", exit(8), EmotionSignal.Kind.LOSS_STREAK));
    }

    @Test
    void aWinInBetweenBreaksTheLossStreak() throws Exception {
        List<EmotionSignal> out =
                signals(trades("AAA", LOSS, LOSS, LOSS, WIN, LOSS, LOSS, LOSS, LOSS));

        assertThat(out)
                .containsExactly(EmotionSignal.of("AAA", exit(8), EmotionSignal.Kind.LOSS_STREAK));
    }

    @Test
    void winsWorkTheSameWay() throws Exception {
        List<TradeOutcome> input = new ArrayList<>();
        input.addAll(trades("AAA", WIN, WIN, WIN, WIN, WIN, WIN, WIN, WIN));
        input.addAll(trades("BBB", WIN, WIN, WIN, LOSS, WIN, WIN, WIN, WIN));
        input.sort((a, b) -> Long.compare(a.exitTimeMs, b.exitTimeMs));

        List<EmotionSignal> out = signals(input);

        assertThat(out)
                .containsExactly(
                        EmotionSignal.of("AAA", exit(4), EmotionSignal.Kind.WIN_STREAK),
                        EmotionSignal.of("AAA", exit(8), EmotionSignal.Kind.WIN_STREAK),
                        EmotionSignal.of("BBB", exit(8), EmotionSignal.Kind.WIN_STREAK));
    }

    @Test
    void streaksAreCountedPerSymbolAndABreakEvenTradeIsNoWin() throws Exception {
        // interleaved symbols do not break each other's streak
        List<TradeOutcome> input = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            input.add(trade("AAA", i, LOSS));
            input.add(trade("BBB", i, WIN));
        }
        // three wins and a break-even exit: pnl 0 is not a win, so no win streak
        for (int i = 1; i <= 3; i++) {
            input.add(trade("CCC", i, WIN));
        }
        TradeOutcome breakEven = trade("CCC", 4, WIN);
        breakEven.pnl = 0.0;
        input.add(breakEven);
        input.sort((a, b) -> Long.compare(a.exitTimeMs, b.exitTimeMs));

        List<EmotionSignal> out = signals(input);

        assertThat(out)
                .containsExactly(
                        EmotionSignal.of("AAA", exit(4), EmotionSignal.Kind.LOSS_STREAK),
                        EmotionSignal.of("BBB", exit(4), EmotionSignal.Kind.WIN_STREAK));
    }

    @Test
    void patternNamesAndLengths() {
        assertThat(StreakPattern.losses(4).name()).isEqualTo("loss-streak");
        assertThat(StreakPattern.wins(4).name()).isEqualTo("win-streak");
        assertThat(StreakPattern.losses(4).signal()).isEqualTo(EmotionSignal.Kind.LOSS_STREAK);
        assertThat(StreakPattern.wins(4).signal()).isEqualTo(EmotionSignal.Kind.WIN_STREAK);
        assertThatThrownBy(() -> StreakPattern.wins(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2");
    }
}
