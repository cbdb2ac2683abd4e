package io.tauflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.agent.AgentDecision;
import io.tauflow.schema.Candle;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The benchmark states do the work they claim: the heap path and the RocksDB path run the same
 * agent (same decisions candle by candle), the tape loops, and temporary stores are removed. No
 * timing here; that is what JMH is for.
 */
class BenchmarkStatesTest {

    /** Enough of the bundled bars for each of the four symbols to warm up and learn. */
    private static final int CANDLES = 2_000;

    @ParameterizedTest
    @CsvSource({"none, true, on", "held, true, on", "none, false, on", "none, true, off"})
    void heapAndRocksDbPathsTakeTheSameDecisions(String market, boolean objectReuse, String caches)
            throws Exception {
        AgentStepBenchmark heap = new AgentStepBenchmark();
        heap.encoder = BenchSetup.SMALL;
        heap.setUp();
        KeyedStateBenchmark.Pipeline rocksDb = new KeyedStateBenchmark.Pipeline();
        rocksDb.encoder = BenchSetup.SMALL;
        rocksDb.market = market;
        rocksDb.objectReuse = objectReuse;
        rocksDb.caches = caches;
        rocksDb.open();
        List<AgentDecision> expected = new ArrayList<>();
        List<AgentDecision> actual = new ArrayList<>();
        try {
            for (int i = 0; i < CANDLES; i++) {
                expected.add(heap.nextCandle().decision);
                List<AgentDecision> released = rocksDb.nextCandle();
                if (market.equals("none")) {
                    assertThat(released).as("candle %d", i).hasSize(1);
                }
                actual.addAll(released);
            }
        } finally {
            rocksDb.close();
        }
        assertThat(Files.exists(rocksDb.dir)).isFalse();
        // held: the candles of the last minute wait for a watermark that never comes
        assertThat(actual.size()).isBetween(CANDLES - 4, CANDLES);
        // every released candle's feature vector went through the output too (plus closed trades)
        assertThat(rocksDb.sideRecords()).isGreaterThan(actual.size());
        Set<String> learnedSymbols = new HashSet<>();
        Set<String> actions = new HashSet<>();
        for (int i = 0; i < actual.size(); i++) {
            AgentDecision e = expected.get(i);
            AgentDecision a = actual.get(i);
            assertThat(a.symbol).as("candle %d", i).isEqualTo(e.symbol);
            assertThat(a.eventTimeMs).isEqualTo(e.eventTimeMs);
            assertThat(a.action).as("candle %d", i).isEqualTo(e.action);
            assertThat(a.stateIndex).as("candle %d", i).isEqualTo(e.stateIndex);
            assertThat(a.confidence).as("candle %d", i).isEqualTo(e.confidence);
            assertThat(a.realizedPnl).as("candle %d", i).isEqualTo(e.realizedPnl);
            if (e.stateIndex >= 0) {
                learnedSymbols.add(e.symbol);
            }
            actions.add(e.action.name());
        }
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
