package io.tauflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.agent.AgentState;
import io.tauflow.agent.QRow;
import io.tauflow.agent.SymbolAgentFunction;
import io.tauflow.agent.SymbolState;
import io.tauflow.ingest.InputOptions;
import io.tauflow.regime.RegimeOptions;
import io.tauflow.schema.Candle;
import io.tauflow.schema.Decision;
import io.tauflow.tools.cli.InspectCommand;
import io.tauflow.tools.demo.InputProgress;
import io.tauflow.tools.demo.OutputWatcher;
import io.tauflow.tools.demo.TopicWriter;
import io.tauflow.tools.embedded.EmbeddedKafkaExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
        public AgentState.RowStatus lastRow;
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
            s.visitedStates = a.visitedStates();
            s.lastRow = a.lastRowStatus();
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

    /**
     * The job's settings for a run to stop with a savepoint (stop-with-savepoint needs a job that
     * is still running, so unbounded), S0 as the reference symbol, with its topics created.
     */
    private static Configuration unboundedRun(String prefix, Duration idleness) throws Exception {
        Configuration c = TradingJobITCase.boundedRun(KAFKA.broker().bootstrapServers(), prefix);
        c.set(KafkaOptions.BOUNDED, false);
        c.set(InputOptions.IDLENESS, idleness);
        c.set(RegimeOptions.MARKET_REFERENCE_SYMBOL, "S0");
        KAFKA.broker().createTopics(2, TradingJobITCase.topics(JobSettings.from(c)));
        return c;
    }

    @Test
    void aSavepointHoldsEachAgentsWholeQTable() throws Exception {
        String prefix = "savepoint";
        // the sentiment and order-book topics stay empty: idle at once, so the watermark moves
        Configuration c = unboundedRun(prefix, Duration.ofSeconds(1));
        JobSettings s = JobSettings.from(c);
        List<Candle> candles = symbols(SYMBOLS, 150);
        try (TopicWriter w = new TopicWriter(KAFKA.broker().bootstrapServers())) {
            w.write(s.get(KafkaOptions.TOPIC_CANDLES), candles, Candle.class, Candle::getSymbol);
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
            assertThat(a.lastRow).as(a.symbol).isNotEqualTo(AgentState.RowStatus.PENDING);
            assertThat((long) a.tableRows).as(a.symbol).isEqualTo(a.visitedStates).isPositive();
            assertThat(a.agentRow).as(a.symbol).isEqualTo(a.tableRow);
        }
    }

    /**
     * {@code bin/tauflow inspect} on a savepoint of a drained stop (every bar decided and committed
     * before the savepoint): each symbol's row says what the job's committed decisions say of that
     * agent, and its Q-table has a row for each state the agent learnt about.
     */
    @Test
    void inspectPrintsEachAgentAsItsDecisionsLeftIt() throws Exception {
        String prefix = "inspect";
        // no source may be idle when the job is drained: Flink 2.2 drops the final watermark of
        // an idle source (FLINK-40499), and the last bars would stay waiting in the sorter. The
        // empty sentiment and order-book topics hold the watermark back instead, until the drain.
        Configuration c = unboundedRun(prefix, Duration.ofMinutes(30));
        JobSettings s = JobSettings.from(c);
        List<Candle> candles = symbols(4, 150);
        try (TopicWriter w = new TopicWriter(KAFKA.broker().bootstrapServers())) {
            w.write(s.get(KafkaOptions.TOPIC_CANDLES), candles, Candle.class, Candle::getSymbol);
        }

        StreamExecutionEnvironment env = TradingJobITCase.environment(2, 500);
        TradingJob.define(env, KafkaIO.inputs(s), KafkaIO.outputs(s), s);
        JobClient job = env.executeAsync("tauflow-inspect-itcase");
        // once a completed checkpoint covers all input, stop with a drain: every bar still waiting
        // for the watermark is decided, and its decision committed, before the savepoint
        try (InputProgress input =
                new InputProgress(
                        KAFKA.broker().bootstrapServers(), prefix, KafkaIO.inputTopics(s))) {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!input.allRead() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(input.allRead()).as("all input read within 2 min").isTrue();
        }
        String savepoint =
                job.stopWithSavepoint(
                                true, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();
        TradingJobITCase.Collected seen = new TradingJobITCase.Collected();
        try (OutputWatcher w =
                new OutputWatcher(
                        KAFKA.broker().bootstrapServers(), OutputWatcher.outputTopics(s), seen)) {
            w.pollUntil(() -> seen.decisions.size() >= candles.size(), Duration.ofMinutes(1));
        }
        assertThat(seen.decisions).hasSize(candles.size());
        Map<String, List<Decision>> decisions = new TreeMap<>();
        for (Decision d : seen.decisions) {
            decisions.computeIfAbsent(d.getSymbol(), k -> new ArrayList<>()).add(d);
        }
        decisions.values().forEach(l -> l.sort(Comparator.comparingLong(Decision::getEventTimeMs)));

        List<Map<String, String>> agents = inspect("--savepoint", savepoint);
        assertThat(agents)
                .extracting(r -> r.get("symbol"))
                .containsExactlyElementsOf(decisions.keySet());
        Map<String, Set<Integer>> learnt = new TreeMap<>();
        for (Map<String, String> row : agents) {
            String symbol = row.get("symbol");
            List<Decision> mine = decisions.get(symbol);
            List<Decision> steps =
                    mine.stream().filter(d -> !d.getSource().equals("WARMUP")).toList();
            assertThat(steps).as(symbol).isNotEmpty();
            Decision last = steps.get(steps.size() - 1);
            // a Q-table row is made for a state when the agent learns from the step taken in it,
            // at its next step: every state it acted in but the last one it is in
            Set<Integer> states = new TreeSet<>();
            steps.subList(0, steps.size() - 1).forEach(d -> states.add(d.getStateIndex()));
            learnt.put(symbol, states);

            assertThat(Long.parseLong(row.get("bars"))).as(symbol).isEqualTo(mine.size());
            assertThat(Long.parseLong(row.get("steps"))).as(symbol).isEqualTo(steps.size());
            assertThat(row.get("phase"))
                    .as(symbol)
                    .isEqualTo(InspectCommand.PHASES[s.agent.phaseAt(steps.size())]);
            assertThat(Double.parseDouble(row.get("position_qty")))
                    .as(symbol)
                    .isEqualTo(last.getPositionQty());
            assertThat(Double.parseDouble(row.get("realized_pnl")))
                    .as(symbol)
                    .isEqualTo(last.getRealizedPnl());
            assertThat(Double.parseDouble(row.get("last_price")))
                    .as(symbol)
                    .isEqualTo(last.getPrice());
            assertThat(Integer.parseInt(row.get("last_state")))
                    .as(symbol)
                    .isEqualTo(last.getStateIndex());
            assertThat(row.get("last_action")).as(symbol).isEqualTo(last.getAction().name());
            assertThat(Long.parseLong(row.get("visited_states")))
                    .as(symbol)
                    .isEqualTo(states.size());
            assertThat(row.get("q_rows")).as(symbol).isEqualTo(row.get("visited_states"));
            assertThat(row.get("row_pending")).as(symbol).isEqualTo("false");
            assertThat(row.get("events_waiting")).as(symbol).isEqualTo("0");
        }

        Map<String, Set<Integer>> rows = new TreeMap<>();
        for (Map<String, String> row : inspect("--savepoint", savepoint, "--q-table")) {
            int state = Integer.parseInt(row.get("state"));
            rows.computeIfAbsent(row.get("symbol"), k -> new TreeSet<>()).add(state);
            int[] bins = new int[InspectCommand.BINS.length];
            for (int d = 0; d < bins.length; d++) {
                bins[d] = Integer.parseInt(row.get(InspectCommand.BINS[d]));
            }
            assertThat(s.encoder.encode(bins)).isEqualTo(state);
        }
        assertThat(rows).isEqualTo(learnt);
    }

    /** Runs the inspect command; its CSV rows by column name. */
    private static List<Map<String, String>> inspect(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                InspectCommand.run(
                        args,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        String[] header = lines[0].split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            assertThat(cells).hasSameSizeAs(header);
            Map<String, String> row = new HashMap<>();
            for (int k = 0; k < header.length; k++) {
                row.put(header[k], cells[k]);
            }
            rows.add(row);
        }
        return rows;
    }
}
