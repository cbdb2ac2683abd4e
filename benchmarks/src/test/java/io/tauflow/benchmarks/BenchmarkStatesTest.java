package io.tauflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.agent.AgentDecision;
import io.tauflow.schema.Candle;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The benchmark states do the work they claim: the heap path and the RocksDB path run the same
 * agent (same decisions candle by candle), the tape loops, and temporary stores are removed. No
 * timing here; that is what JMH is for.
 */
class BenchmarkStatesTest {

    /** Enough of the bundled bars for each of the four symbols to warm up and learn. */
    private static final int CANDLES = 2_000;

    @Test
    void heapAndRocksDbPathsTakeTheSameDecisions() throws Exception {
        AgentStepBenchmark heap = new AgentStepBenchmark();
        heap.encoder = BenchSetup.SMALL;
        heap.setUp();
        KeyedStateBenchmark.Pipeline rocksDb = new KeyedStateBenchmark.Pipeline();
        rocksDb.encoder = BenchSetup.SMALL;
        rocksDb.open();
        Set<String> learnedSymbols = new HashSet<>();
        Set<String> actions = new HashSet<>();
        try {
            for (int i = 0; i < CANDLES; i++) {
                AgentDecision expected = heap.nextCandle().decision;
                AgentDecision actual = rocksDb.nextCandle();
                assertThat(actual.symbol).isEqualTo(expected.symbol);
                assertThat(actual.eventTimeMs).isEqualTo(expected.eventTimeMs);
                assertThat(actual.action).as("candle %d", i).isEqualTo(expected.action);
                assertThat(actual.stateIndex).as("candle %d", i).isEqualTo(expected.stateIndex);
                assertThat(actual.confidence).as("candle %d", i).isEqualTo(expected.confidence);
                assertThat(actual.realizedPnl).as("candle %d", i).isEqualTo(expected.realizedPnl);
                if (expected.stateIndex >= 0) {
                    learnedSymbols.add(expected.symbol);
                }
                actions.add(expected.action.name());
            }
        } finally {
            rocksDb.close();
        }
        assertThat(Files.exists(rocksDb.dir)).isFalse();
        assertThat(learnedSymbols).hasSize(4);
        assertThat(actions).contains("BUY", "WAIT");
    }

    @Test
    void tapeLoopsAndIndexesSymbols() {
        CandleTape tape =
                new CandleTape(List.of(candle("AAA", 0), candle("BBB", 0), candle("AAA", 60_000)));
        assertThat(tape.symbolCount()).isEqualTo(2);
        int[] positions = {tape.advance(), tape.advance(), tape.advance(), tape.advance()};
        assertThat(positions).containsExactly(0, 1, 2, 0);
        assertThat(tape.symbol(tape.symbolIndex(0))).isEqualTo("AAA");
        assertThat(tape.symbol(tape.symbolIndex(1))).isEqualTo("BBB");
        assertThat(tape.symbolIndex(2)).isEqualTo(tape.symbolIndex(0));
    }

    @Test
    void rawStoreHoldsEveryKeyAndIsRemovedOnClose() throws Exception {
        KeyedStateBenchmark.RawStore store = new KeyedStateBenchmark.RawStore();
        store.open();
        try {
            for (int i = 0; i < KeyedStateBenchmark.RawStore.KEYS; i++) {
                assertThat(store.db.get(store.nextKey()))
                        .hasSize(KeyedStateBenchmark.RawStore.VALUE_BYTES);
            }
        } finally {
            store.close();
        }
        assertThat(Files.exists(store.dir)).isFalse();
    }

    private static Candle candle(String symbol, long openTimeMs) {
        return new Candle("T", symbol, openTimeMs, 60_000L, 1.0, 1.0, 1.0, 1.0, 1.0, null, null);
    }
}
