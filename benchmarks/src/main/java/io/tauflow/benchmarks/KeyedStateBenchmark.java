package io.tauflow.benchmarks;

import io.tauflow.agent.AgentDecision;
import io.tauflow.agent.SymbolAgentOperator;
import io.tauflow.ingest.InboundEvent;
import io.tauflow.regime.RegimeMark;
import io.tauflow.schema.Candle;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.runtime.event.WatermarkEvent;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.LatencyMarker;
import org.apache.flink.streaming.runtime.streamrecord.RecordAttributes;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.util.OutputTag;
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
 * measured in the same run, so their ratio says what the state access of the production operator
 * costs over the store itself. The target is at most 10 µs per candle through RocksDB.
 *
 * <ul>
 *   <li>{@link #throughRocksDb}: the production {@code SymbolAgentFunction} (features, market
 *       regime, Q-agent) in its {@code SymbolAgentOperator}, in a keyed operator test harness on an
 *       {@link EmbeddedRocksDBStateBackend}, keyed by symbol: one candle in, the decision, the
 *       bar's close and any closed trade taken out. Per candle that is one read and one write of
 *       the symbol's {@code ValueState} and, when the agent moves to another state, a read and a
 *       write of the Q-table's {@code MapState} (the row of a state the agent stays in is written
 *       when it leaves, or before a checkpoint: the benchmark takes none, and a job pays one write
 *       per such symbol per checkpoint interval). With {@code objectReuse = false} every output
 *       record is copied with its serializer, as a Flink chain does by default; with {@code true}
 *       it is handed on as it is, as with Flink's object reuse, which leaves exactly the work of
 *       the heap benchmark plus its state access. With {@code market = none} the operator uses each
 *       candle as it arrives (no reference symbol): exactly the features, encode, Q update and
 *       action the target is about. With {@code market = held} each candle is also held in keyed
 *       state until the watermark (advanced after every candle) passes it, as the job does to stamp
 *       the market regime of its reference symbol.
 *   <li>{@link #rawRocksDbGetPut}: one {@code get} and one {@code put} (WAL off, as Flink writes)
 *       of a 4-byte key and a 40-byte value, about the size of a serialized Q-table row, over as
 *       many keys as the Q-tables of the four symbols can hold.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// RocksDB flushes and compacts its memtables every few seconds at this write rate: iterations of
// a few seconds, ten of them, average over those cycles (2-second ones varied by ±20 % run to run)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 10, time = 3)
@Fork(1)
public class KeyedStateBenchmark {

    /** The production operator on RocksDB keyed state, fed from the candle tape. */
    @State(Scope.Thread)
    public static class Pipeline {

        /** Encoder preset, see {@link BenchSetup#encoder}. */
        @Param({BenchSetup.SMALL, BenchSetup.LARGE})
        public String encoder;

        /** {@code none}: candles used as they arrive; {@code held}: held until the watermark. */
        @Param({"none", "held"})
        public String market;

        /**
         * How the operator's records reach the next operator of its chain: {@code false} copied
         * with their serializers (Flink's default), {@code true} handed on as they are (Flink's
         * object reuse). With {@code true} the figure is the per-candle work alone.
         */
        @Param({"false", "true"})
        public boolean objectReuse;

        /**
         * The operator's caches in front of its keyed state ({@code AgentCaches}): {@code on}, the
         * job's default sizes (each symbol's state object as last written, and 65,536 Q-table
         * rows); {@code off}, none (every state read goes to RocksDB).
         */
        @Param({"on", "off"})
        public String caches;

        /** RocksDB memory (block cache and write buffers) of the operator. */
        static final String SLOT_MEMORY = "128mb";

        Path dir;
        private CandleTape tape;
        private InboundEvent[] events;
        private long[] baseTimes;
        private long span;
        private long shift;
        private boolean started;
        private final List<AgentDecision> released = new ArrayList<>();
        private ChainedOutput output;
        private boolean held;
        private long lastWatermark = Long.MIN_VALUE;
        private KeyedBroadcastOperatorTestHarness<String, InboundEvent, RegimeMark, AgentDecision>
                agent;

        @Setup(Level.Trial)
        public void open() throws Exception {
            dir = Files.createTempDirectory("tauflow-jmh-keyed-");
            tape = BenchSetup.leanCandles();
            events = new InboundEvent[tape.size()];
            baseTimes = new long[tape.size()];
            for (int i = 0; i < events.length; i++) {
                // a copy per slot: the benchmark moves its time forward on every loop of the tape
                events[i] = InboundEvent.candle(Candle.newBuilder(tape.candle(i)).build());
                baseTimes[i] = tape.candle(i).getOpenTimeMs();
            }
            span = baseTimes[baseTimes.length - 1] - baseTimes[0] + 60_000L;
            if (!market.equals("none") && !market.equals("held")) {
                throw new IllegalArgumentException("market must be none or held: " + market);
            }
            held = market.equals("held");
            EmbeddedRocksDBStateBackend backend = new EmbeddedRocksDBStateBackend();
            backend.setDbStoragePath(dir.resolve("agent").toString());
            // the harness's mock environment has almost no managed memory (RocksDB would flush its
            // memtable all the time); give the operator the budget of a modest task slot instead
            backend.getMemoryConfiguration().setFixedMemoryPerSlot(SLOT_MEMORY);
            SymbolAgentOperator operator =
                    new SymbolAgentOperator(
                            BenchSetup.symbolAgentFunction(
                                    encoder, held, BenchSetup.caches(caches)));
            agent =
                    new KeyedBroadcastOperatorTestHarness<>(
                            operator, InboundEvent::symbol, Types.STRING, 1, 1, 0);
            agent.setStateBackend(backend);
            agent.setup();
            // The harness's own output creates a serializer for every record it copies (tens of
            // microseconds of reflection the job never pays); give the operator an output that
            // copies each record with a serializer made once, as a chained operator's output does,
            // or hands it on as it is, as one does with object reuse.
            output = new ChainedOutput(!objectReuse);
            Field field = AbstractStreamOperator.class.getDeclaredField("output");
            field.setAccessible(true);
            field.set(operator, output);
            agent.open();
        }

        /**
         * One candle of the tape through the operator; returns the decisions released by it (none
         * or several when candles are held; the list is reused by the next call). The bar closes
         * and closed trades are copied and dropped. Candle times are shifted by the tape's span on
         * every loop, so that event time (and the watermark) keeps moving forward however long the
         * benchmark runs.
         */
        List<AgentDecision> nextCandle() throws Exception {
            int i = tape.advance();
            if (i == 0 && started) {
                shift += span;
            }
            started = true;
            long t = baseTimes[i] + shift;
            events[i].candle.setOpenTimeMs(t);
            agent.processElement(events[i], t);
            if (held && t > lastWatermark) {
                // every symbol's candle of the minute before is released now, as in the job
                agent.processWatermark(t - 1);
                agent.processBroadcastWatermark(t - 1);
                lastWatermark = t;
            }
            released.clear();
            released.addAll(output.decisions);
            output.decisions.clear();
            return released;
        }

        /** Side-output records (bar closes, closed trades) the operator has emitted. */
        long sideRecords() {
            return output.sideRecords;
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            try {
                if (agent != null) {
                    agent.close();
                }
            } finally {
                deleteRecursively(dir);
            }
        }
    }

    /**
     * What the operator's records cost in a chain: without object reuse each is copied with its
     * type's serializer (created once per output), then handed on; with object reuse it is handed
     * on as it is. Decisions are kept for the caller; bar closes and trade outcomes are dropped.
     */
    static final class ChainedOutput implements Output<StreamRecord<AgentDecision>> {

        private final boolean copy;
        private final SerializerConfigImpl config = new SerializerConfigImpl();
        private final TypeSerializer<AgentDecision> decisionSerializer =
                TypeInformation.of(AgentDecision.class).createSerializer(config);
        private final Map<OutputTag<?>, TypeSerializer<?>> sideSerializers = new HashMap<>();
        final List<AgentDecision> decisions = new ArrayList<>();

        /** Side-output records handed on so far, and the latest one (kept so the copy is used). */
        long sideRecords;

        Object lastSide;

        ChainedOutput(boolean copy) {
            this.copy = copy;
        }

        @Override
        public void collect(StreamRecord<AgentDecision> record) {
            AgentDecision d = record.getValue();
            decisions.add(copy ? decisionSerializer.copy(d) : d);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <X> void collect(OutputTag<X> tag, StreamRecord<X> record) {
            if (copy) {
                TypeSerializer<X> serializer =
                        (TypeSerializer<X>)
                                sideSerializers.computeIfAbsent(
                                        tag, t -> t.getTypeInfo().createSerializer(config));
                lastSide = serializer.copy(record.getValue());
            } else {
                lastSide = record.getValue();
            }
            sideRecords++;
        }

        @Override
        public void emitWatermark(Watermark mark) {}

        @Override
        public void emitWatermarkStatus(WatermarkStatus status) {}

        @Override
        public void emitLatencyMarker(LatencyMarker marker) {}

        @Override
        public void emitRecordAttributes(RecordAttributes attributes) {}

        @Override
        public void emitWatermark(WatermarkEvent event) {}

        @Override
        public void close() {}
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
