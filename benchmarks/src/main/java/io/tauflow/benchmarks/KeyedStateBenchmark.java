package io.tauflow.benchmarks;

import io.tauflow.agent.AgentDecision;
import io.tauflow.agent.QAgentFunction;
import io.tauflow.features.FeatureVector;
import io.tauflow.ingest.InboundEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Queue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * The agent's per-candle work through real keyed RocksDB state, next to a raw RocksDB get and put
 * measured in the same run, so their ratio says what the state access of the production functions
 * costs over the store itself. The target is at most 10 µs per candle through RocksDB.
 *
 * <ul>
 *   <li>{@link #throughRocksDb}: the production {@code FeatureFunction} and {@code QAgentFunction},
 *       each in a keyed operator test harness on an {@link EmbeddedRocksDBStateBackend}, keyed by
 *       symbol and chained by hand: one candle in, its feature vector handed on, the decision (and
 *       any closed trade) taken out. Per candle that is the feature {@code ValueState} read and
 *       write, the agent {@code ValueState} read and write, and one or two Q-table {@code MapState}
 *       reads and a write. The harness also copies every output record through its serializer, as a
 *       Flink chain without object reuse does.
 *   <li>{@link #rawRocksDbGetPut}: one {@code get} and one {@code put} (WAL off, as Flink writes)
 *       of a 4-byte key and a 40-byte value, about the size of a serialized Q-table row, over as
 *       many keys as the Q-tables of the four symbols can hold.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KeyedStateBenchmark {

    /** The two production functions on RocksDB keyed state, fed from the candle tape. */
    @State(Scope.Thread)
    public static class Pipeline {

        /** Encoder preset, see {@link BenchSetup#encoder}. */
        @Param({BenchSetup.SMALL, BenchSetup.LARGE})
        public String encoder;

        /** RocksDB memory (block cache and write buffers) of each of the two operators. */
        static final String SLOT_MEMORY = "128mb";

        Path dir;
        private CandleTape tape;
        private InboundEvent[] events;
        private KeyedOneInputStreamOperatorTestHarness<String, InboundEvent, FeatureVector>
                features;
        private KeyedOneInputStreamOperatorTestHarness<String, FeatureVector, AgentDecision> agent;

        @Setup(Level.Trial)
        public void open() throws Exception {
            dir = Files.createTempDirectory("tauflow-jmh-keyed-");
            tape = BenchSetup.leanCandles();
            events = new InboundEvent[tape.size()];
            for (int i = 0; i < events.length; i++) {
                events[i] = InboundEvent.candle(tape.candle(i));
            }
            features =
                    rocksDbHarness(
                            BenchSetup.featureFunction(),
                            e -> e.candle.getSymbol(),
                            dir.resolve("features"));
            agent =
                    rocksDbHarness(
                            BenchSetup.agentFunction(encoder), v -> v.symbol, dir.resolve("agent"));
        }

        /**
         * One candle of the tape through both functions; returns the decision. A closed trade, if
         * any, is taken off the side output and dropped.
         */
        AgentDecision nextCandle() throws Exception {
            int i = tape.advance();
            long timestamp = tape.candle(i).getOpenTimeMs();
            features.processElement(events[i], timestamp);
            StreamRecord<?> v = (StreamRecord<?>) features.getOutput().poll();
            agent.processElement((FeatureVector) v.getValue(), timestamp);
            StreamRecord<?> decision = (StreamRecord<?>) agent.getOutput().poll();
            Queue<?> outcomes = agent.getSideOutput(QAgentFunction.OUTCOMES);
            if (outcomes != null) {
                outcomes.clear();
            }
            return (AgentDecision) decision.getValue();
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            try {
                if (features != null) {
                    features.close();
                }
                if (agent != null) {
                    agent.close();
                }
            } finally {
                deleteRecursively(dir);
            }
        }

        private static <I, O> KeyedOneInputStreamOperatorTestHarness<String, I, O> rocksDbHarness(
                KeyedProcessFunction<String, I, O> function,
                KeySelector<I, String> key,
                Path storage)
                throws Exception {
            EmbeddedRocksDBStateBackend backend = new EmbeddedRocksDBStateBackend();
            backend.setDbStoragePath(storage.toString());
            // the harness's mock environment has almost no managed memory (RocksDB would flush its
            // memtable all the time); give each operator the budget of a modest task slot instead
            backend.getMemoryConfiguration().setFixedMemoryPerSlot(SLOT_MEMORY);
            KeyedOneInputStreamOperatorTestHarness<String, I, O> harness =
                    new KeyedOneInputStreamOperatorTestHarness<>(
                            new KeyedProcessOperator<>(function), key, Types.STRING);
            harness.setStateBackend(backend);
            harness.open();
            return harness;
        }
    }

    /** A bare RocksDB database in a temporary directory, filled with one value per key. */
    @State(Scope.Thread)
    public static class RawStore {

        /** 4 symbols times the 3^7 states of the small encoder. */
        static final int KEYS = 4 * 2187;

        static final int VALUE_BYTES = 40;

        Path dir;
        private Options options;
        private WriteOptions writeOptions;
        RocksDB db;
        private byte[][] keys;
        private int cursor;

        @Setup(Level.Trial)
        public void open() throws IOException, RocksDBException {
            RocksDB.loadLibrary();
            dir = Files.createTempDirectory("tauflow-jmh-raw-");
            options = new Options().setCreateIfMissing(true);
            writeOptions = new WriteOptions().setDisableWAL(true);
            db = RocksDB.open(options, dir.toString());
            keys = new byte[KEYS][];
            byte[] value = new byte[VALUE_BYTES];
            for (int i = 0; i < KEYS; i++) {
                keys[i] = ByteBuffer.allocate(Integer.BYTES).putInt(i).array();
                ThreadLocalRandom.current().nextBytes(value);
                db.put(writeOptions, keys[i], value);
            }
            // visit the keys in a fixed shuffled order, not in key order
            for (int i = KEYS - 1; i > 0; i--) {
                int j = ThreadLocalRandom.current().nextInt(i + 1);
                byte[] t = keys[i];
                keys[i] = keys[j];
                keys[j] = t;
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            try {
                if (db != null) {
                    db.close();
                }
                if (writeOptions != null) {
                    writeOptions.close();
                }
                if (options != null) {
                    options.close();
                }
            } finally {
                deleteRecursively(dir);
            }
        }

        byte[] nextKey() {
            int i = cursor;
            cursor = i + 1 == KEYS ? 0 : i + 1;
            return keys[i];
        }
    }

    @Benchmark
    public void throughRocksDb(Pipeline p, Blackhole bh) throws Exception {
        bh.consume(p.nextCandle());
    }

    @Benchmark
    public void rawRocksDbGetPut(RawStore s, Blackhole bh) throws RocksDBException {
        byte[] key = s.nextKey();
        byte[] value = s.db.get(key);
        value[0]++;
        s.db.put(s.writeOptions, key, value);
        bh.consume(value);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
