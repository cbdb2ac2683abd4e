package io.tauflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.agent.AgentState;
import io.tauflow.agent.QRow;
import io.tauflow.agent.SymbolAgentFunction;
import io.tauflow.agent.SymbolState;
import io.tauflow.jobs.demo.OutputWatcher;
import io.tauflow.jobs.demo.TopicWriter;
import io.tauflow.jobs.embedded.EmbeddedKafkaExtension;
import io.tauflow.schema.Candle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running job, stopped with a savepoint, read back with the State Processor API through the
 * same uid and state descriptors: every symbol's Q-table in the savepoint is the agent's whole
 * table (no row is left pending in the agent's own state), as an offline reader of the Q-table
 * expects.
 */
class AgentSavepointITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir static Path savepoints;

    /**
     * Symbols in the run. Whether an agent holds a pending row when the savepoint is taken depends
     * on whether its last step stayed in its state (about two steps in five): with this many
     * symbols, some agent does so in all but a fraction of a percent of runs.
     */
    static final int SYMBOLS = 12;

    /**
     * {@code bars} real SPY bars for each of {@code n} symbols ("S0", "S1", ...), each symbol's
     * closes moved by its own small deterministic wiggle, so the agents take different paths.
     */
    static List<Candle> symbols(int n, int bars) {
        List<Candle> spy =
                TradingJobITCase.candles(bars).stream()
                        .filter(c -> c.getSymbol().equals("SPY"))
                        .collect(Collectors.toList());
        List<Candle> out = new ArrayList<>();
        for (int i = 0; i < spy.size(); i++) {
            for (int k = 0; k < n; k++) {
                Candle c = spy.get(i);
                double f = 1 + 0.002 * Math.sin(0.7 * i * (k + 1) + k);
                out.add(
                        Candle.newBuilder(c)
                                .setSymbol("S" + k)
                                .setOpen(c.getOpen() * f)
                                .setHigh(c.getHigh() * f)
                                .setLow(c.getLow() * f)
                                .setClose(c.getClose() * f)
                                .build());
            }
        }
        return out;
    }

    /** What the savepoint holds for one symbol's agent. */
    public static class SavedAgent {
        public String symbol;
        public long steps;
        public long visitedStates;
        public int lastRow;
        public int lastState;
        public double[] agentRow;
        public double[] tableRow;
        public int tableRows;

        public SavedAgent() {}
    }

    /** Reads the agent operator's state of each symbol, as an offline inspection tool would. */
    static final class AgentReader extends KeyedStateReaderFunction<String, SavedAgent> {
        private transient ValueState<SymbolState> symbol;
        private transient MapState<Integer, QRow> table;

        @Override
        public void open(OpenContext context) {
            symbol = getRuntimeContext().getState(SymbolAgentFunction.stateDescriptor());
            table = getRuntimeContext().getMapState(SymbolAgentFunction.qTableDescriptor());
        }

        @Override
        public void readKey(String key, Context context, Collector<SavedAgent> out)
                throws Exception {
            AgentState a = symbol.value().agent;
            SavedAgent s = new SavedAgent();
            s.symbol = key;
            s.steps = a.steps();
            s.visitedStates = a.longs[AgentState.VISITED_STATES];
            s.lastRow = a.ints[AgentState.LAST_ROW];
            s.lastState = a.lastState();
            s.agentRow = a.lastRow;
            QRow row = a.lastState() >= 0 ? table.get(a.lastState()) : null;
            s.tableRow = row == null ? null : row.values;
            for (Integer ignored : table.keys()) {
                s.tableRows++;
            }
            out.collect(s);
        }
    }

    @Test
    void aSavepointHoldsEachAgentsWholeQTable() throws Exception {
        String prefix = "savepoint";
        Configuration c = TradingJobITCase.boundedRun(KAFKA.broker().bootstrapServers(), prefix);
        // unbounded: stop-with-savepoint needs a job that is still running
        c.set(TauflowOptions.BOUNDED, false);
        // the sentiment and order-book topics stay empty: idle at once, so the watermark moves
        c.set(TauflowOptions.IDLENESS, Duration.ofSeconds(1));
        c.set(TauflowOptions.MARKET_REFERENCE_SYMBOL, "S0");
        JobSettings s = JobSettings.from(c);
        KAFKA.broker().createTopics(2, TradingJobITCase.topics(s));
        List<Candle> candles = symbols(SYMBOLS, 150);
        try (TopicWriter w = new TopicWriter(KAFKA.broker().bootstrapServers())) {
            w.write(s.get(TauflowOptions.TOPIC_CANDLES), candles, Candle.class, Candle::getSymbol);
        }

        StreamExecutionEnvironment env = TradingJobITCase.environment(2, 1000);
        TradingJob.define(env, KafkaIO.inputs(s), KafkaIO.outputs(s), s);
        JobClient job = env.executeAsync("tauflow-savepoint-itcase");

        // an unbounded run keeps the last seconds of bars waiting for the watermark: wait for
        // most decisions, then stop the job with a savepoint
        TradingJobITCase.Collected seen = new TradingJobITCase.Collected();
        try (OutputWatcher w =
                new OutputWatcher(
                        KAFKA.broker().bootstrapServers(), OutputWatcher.outputTopics(s), seen)) {
            w.pollUntil(() -> seen.decisions.size() >= candles.size() / 2, Duration.ofMinutes(2));
        }
        assertThat(seen.decisions).hasSizeGreaterThanOrEqualTo(candles.size() / 2);
        String savepoint =
                job.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();

        SavepointReader reader =
                SavepointReader.read(
                        StreamExecutionEnvironment.getExecutionEnvironment(),
                        savepoint,
                        new EmbeddedRocksDBStateBackend());
        List<SavedAgent> agents = new ArrayList<>();
        try (CloseableIterator<SavedAgent> it =
                reader.readKeyedState(
                                OperatorIdentifier.forUid(Uids.SYMBOL_AGENT),
                                new AgentReader(),
                                Types.STRING,
                                TypeInformation.of(SavedAgent.class))
                        .executeAndCollect()) {
            it.forEachRemaining(agents::add);
        }

        Map<String, SavedAgent> bySymbol = new HashMap<>();
        agents.forEach(a -> bySymbol.put(a.symbol, a));
        assertThat(bySymbol).hasSize(SYMBOLS);
        for (SavedAgent a : agents) {
            assertThat(a.steps).as(a.symbol).isPositive();
            // no row is the agent's alone: the table has every row it learnt, as it left them
            assertThat(a.lastRow).as(a.symbol).isNotEqualTo(AgentState.ROW_PENDING);
            assertThat((long) a.tableRows).as(a.symbol).isEqualTo(a.visitedStates).isPositive();
            assertThat(a.agentRow).as(a.symbol).isEqualTo(a.tableRow);
        }
    }
}
