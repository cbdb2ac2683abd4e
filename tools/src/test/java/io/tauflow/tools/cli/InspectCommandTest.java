package io.tauflow.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.agent.AgentState;
import io.tauflow.agent.QRow;
import io.tauflow.agent.SymbolAgentFunction;
import io.tauflow.agent.SymbolState;
import io.tauflow.ingest.InboundEvent;
import io.tauflow.jobs.Uids;
import io.tauflow.schema.Action;
import io.tauflow.schema.Candle;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.OperatorTransformation;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.state.api.StateBootstrapTransformation;
import org.apache.flink.state.api.functions.KeyedStateBootstrapFunction;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inspect command on savepoints written here with the State Processor API (the job's own
 * savepoints are read in {@code AgentSavepointITCase}): how each field of the agent's state reaches
 * its column, rows the agent has not written back to its Q-table, and the error messages.
 */
class InspectCommandTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir static Path dir;

    /** Agent state of AAA and BBB under uid symbol-agent. */
    static String agents;

    /** State of another operator only. */
    static String noAgent;

    static final long ENTRY_TIME = Instant.parse("2013-10-07T14:36:00Z").toEpochMilli();

    /** One thing to put in the agent operator's state of a symbol. */
    public static class Fixture {
        public String symbol;

        /** The symbol's state, or null. */
        public SymbolState state;

        /** A Q-table row to put at {@link #qState} (-1: none). */
        public int qState = -1;

        public double[] q;

        /** Candles waiting for the watermark. */
        public int waiting;

        public Fixture() {}

        static Fixture state(String symbol, SymbolState s) {
            Fixture f = new Fixture();
            f.symbol = symbol;
            f.state = s;
            return f;
        }

        static Fixture row(String symbol, int state, double... q) {
            Fixture f = new Fixture();
            f.symbol = symbol;
            f.qState = state;
            f.q = q;
            return f;
        }

        static Fixture waiting(String symbol, int candles) {
            Fixture f = new Fixture();
            f.symbol = symbol;
            f.waiting = candles;
            return f;
        }
    }

    /** Writes fixtures through the agent function's own descriptors. */
    static final class Writer extends KeyedStateBootstrapFunction<String, Fixture> {
        private transient ValueState<SymbolState> state;
        private transient MapState<Integer, QRow> table;
        private transient MapState<Long, List<InboundEvent>> pending;

        @Override
        public void open(OpenContext context) {
            state = getRuntimeContext().getState(SymbolAgentFunction.stateDescriptor());
            table = getRuntimeContext().getMapState(SymbolAgentFunction.qTableDescriptor());
            pending = getRuntimeContext().getMapState(SymbolAgentFunction.pendingDescriptor());
        }

        @Override
        public void processElement(Fixture f, Context ctx) throws Exception {
            if (f.state != null) {
                state.update(f.state);
            }
            if (f.qState >= 0) {
                table.put(f.qState, new QRow(f.q));
            }
            for (int i = 0; i < f.waiting; i++) {
                long t = ENTRY_TIME + 60_000L * (i / 2);
                List<InboundEvent> atTime = pending.get(t);
                atTime = atTime == null ? new ArrayList<>() : atTime;
                atTime.add(
                        InboundEvent.candle(
                                Candle.newBuilder()
                                        .setVenue("TEST")
                                        .setSymbol(f.symbol)
                                        .setOpenTimeMs(t)
                                        .setIntervalMs(60_000L)
                                        .setOpen(10)
                                        .setHigh(11)
                                        .setLow(9)
                                        .setClose(10.5)
                                        .setVolume(100)
                                        .build()));
                pending.put(t, atTime);
            }
        }
    }

    /**
     * AAA: long 2.5 at 10.25, its current row (state 7) newer than the table's; BBB: its current
     * state (9) has a row the table does not have yet, three candles waiting for the watermark.
     */
    static List<Fixture> fixtures() {
        SymbolState a = SymbolState.fresh();
        a.features.bars = 650;
        AgentState s = a.agent;
        s.setPositionQty(2.5);
        s.setEntryPrice(10.25);
        s.setLastPrice(10.5);
        s.setRealizedPnl(-1.5);
        s.setBurned(0.25);
        s.setVoterScore(0, 0.5);
        s.setVoterScore(1, -0.75);
        s.setVoterScore(2, 1.125);
        s.setEntryTimeMs(ENTRY_TIME);
        s.setSteps(600);
        s.setOpens(4);
        s.setAdds(1);
        s.setTrades(3);
        s.setWins(1);
        s.setVisitedStates(3);
        s.setUnits(1);
        s.setStreak(-2);
        s.setLastState(7);
        s.setLastAction(Action.HOLD);
        s.setLastRowStatus(AgentState.RowStatus.PENDING);
        s.lastRow = new double[] {1, 2, 3, 4};

        SymbolState b = SymbolState.fresh();
        b.features.bars = 70;
        b.agent.setSteps(10);
        b.agent.setVisitedStates(2);
        b.agent.setLastState(9);
        b.agent.setLastAction(Action.WAIT);
        b.agent.setLastRowStatus(AgentState.RowStatus.PENDING);
        b.agent.lastRow = new double[] {0, 0, 0, -0.5};

        return List.of(
                Fixture.state("AAA", a),
                Fixture.row("AAA", 0, 0.5, 0, 0, 0.25),
                Fixture.row("AAA", 5, 0, -1, 2, 0),
                Fixture.row("AAA", 7, 0, 0, 0, 0),
                Fixture.state("BBB", b),
                Fixture.row("BBB", 4, 0.125, 0, 0, 0),
                Fixture.waiting("BBB", 3));
    }

    @BeforeAll
    static void savepoints() throws Exception {
        agents = dir.resolve("agents").toUri().toString();
        write(agents, Uids.SYMBOL_AGENT, fixtures());
        noAgent = dir.resolve("no-agent").toUri().toString();
        write(noAgent, Uids.SIZER, List.of(Fixture.row("AAA", 1, 0, 0, 0, 0)));
    }

    private static void write(String path, String uid, List<Fixture> fixtures) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        StateBootstrapTransformation<Fixture> t =
                OperatorTransformation.bootstrapWith(
                                env.fromData(fixtures, TypeInformation.of(Fixture.class)))
                        .keyBy(f -> f.symbol)
                        .transform(new Writer());
        SavepointWriter.newSavepoint(env, new EmbeddedRocksDBStateBackend(), 128)
                .withOperator(OperatorIdentifier.forUid(uid), t)
                .write(path);
        env.execute("write " + uid);
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return InspectCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The CSV printed, by row, each row by column name. */
    private List<Map<String, String>> csv() {
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        String[] header = lines[0].split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            assertThat(cells).as(lines[i]).hasSameSizeAs(header);
            Map<String, String> row = new HashMap<>();
            for (int k = 0; k < header.length; k++) {
                row.put(header[k], cells[k]);
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void eachFieldOfTheAgentGoesToItsColumn() {
        assertThat(run("--savepoint", agents)).as(err()).isZero();
        List<Map<String, String>> rows = csv();
        assertThat(rows).extracting(r -> r.get("symbol")).containsExactly("AAA", "BBB");
        Map<String, String> a = rows.get(0);
        Map<String, String> expected = new HashMap<>();
        expected.put("bars", "650");
        expected.put("steps", "600");
        expected.put("phase", "LEARNING"); // default phase ends 500, 1500, 3000
        expected.put("epsilon", "0.2");
        expected.put("position_qty", "2.5");
        expected.put("units", "1");
        expected.put("entry_price", "10.25");
        expected.put("entry_time", "2013-10-07T14:36:00Z");
        expected.put("last_price", "10.5");
        expected.put("realized_pnl", "-1.5");
        expected.put("burned", "0.25");
        expected.put("trades", "3");
        expected.put("wins", "1");
        expected.put("opens", "4");
        expected.put("adds", "1");
        expected.put("streak", "-2");
        expected.put("visited_states", "3");
        expected.put("q_rows", "3");
        expected.put("state_space", "2187");
        expected.put("coverage_pct", "0.1372"); // 3 / 2187
        expected.put("last_state", "7");
        expected.put("last_action", "HOLD");
        expected.put("row_pending", "true");
        expected.put("events_waiting", "0");
        expected.put("score_q", "0.5");
        expected.put("score_momentum", "-0.75");
        expected.put("score_mean_reversion", "1.125");
        expected.forEach((column, value) -> assertThat(a.get(column)).as(column).isEqualTo(value));

        Map<String, String> b = rows.get(1);
        assertThat(b.get("position_qty")).isEqualTo("0");
        assertThat(b.get("entry_price")).as("flat: no entry").isEmpty();
        assertThat(b.get("entry_time")).isEmpty();
        assertThat(b.get("phase")).isEqualTo("WARMUP");
        assertThat(b.get("q_rows")).isEqualTo("1");
        assertThat(b.get("events_waiting")).isEqualTo("3");
    }

    @Test
    void theQTableHasTheAgentsOwnCopyOfAPendingRow() {
        assertThat(run("--savepoint", agents, "--q-table")).as(err()).isZero();
        List<String> rows = new ArrayList<>();
        for (Map<String, String> r : csv()) {
            rows.add(
                    String.join(
                            " ",
                            r.get("symbol"),
                            r.get("state"),
                            r.get("regime_bin"),
                            r.get("streak_bin"),
                            r.get("q_buy"),
                            r.get("q_sell"),
                            r.get("q_hold"),
                            r.get("q_wait"),
                            r.get("pending")));
        }
        // state 7 of the small encoder: streak bin 2, regime bin 1; 9: streak 0, regime 0
        assertThat(rows)
                .containsExactly(
                        "AAA 0 0 0 0.5 0 0 0.25 false",
                        "AAA 5 2 1 0 -1 2 0 false",
                        "AAA 7 1 2 1 2 3 4 true",
                        "BBB 4 1 1 0.125 0 0 0 false",
                        "BBB 9 0 0 0 0 0 -0.5 true");
    }

    @Test
    void oneSymbol() {
        assertThat(run("--savepoint", agents, "--symbol", "BBB", "--q-table")).as(err()).isZero();
        assertThat(csv()).extracting(r -> r.get("state")).containsExactly("4", "9");
    }

    @Test
    void aSymbolWithoutStateIsAnErrorThatListsTheSymbols() {
        assertThat(run("--savepoint", agents, "--symbol", "ZZZ")).isEqualTo(2);
        assertThat(err()).contains("has no state for symbol ZZZ; symbols: AAA, BBB");
        assertThat(out.size()).isZero();
    }

    @Test
    void statesOutsideTheEncoderMeanAnotherEncoder() {
        // 1 x 1 x 1 x 1 x 1 x 3 = 3 states: AAA's 5 and 7 are outside
        assertThat(run("--savepoint", agents, "--tauflow.encoder.bins=1;1;1;1;1;3")).isEqualTo(2);
        assertThat(err())
                .contains(
                        "symbol AAA has state 7, outside the encoder's 3 states (bins [1, 1, 1, 1, 1, 3])")
                .contains("--tauflow.encoder.preset");
    }

    @Test
    void aSavepointWithoutTheAgentNamesItsOperators() {
        assertThat(run("--savepoint", noAgent)).isEqualTo(2);
        assertThat(err())
                .contains("holds no state of the agent operator (uid symbol-agent)")
                .contains("state of " + Uids.SIZER);
    }

    @Test
    void aPathThatDoesNotExist() {
        assertThat(run("--savepoint", dir.resolve("nothing").toString())).isEqualTo(2);
        assertThat(err()).contains("no such file or directory: " + dir.resolve("nothing"));
    }

    @Test
    void aDirectoryThatIsNotASavepoint() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(run("--savepoint", empty.toString())).isEqualTo(2);
        assertThat(err())
                .contains(empty + " is not a savepoint or checkpoint: it has no _metadata")
                .contains("no directory below it has one");
    }

    @Test
    void aJobsCheckpointDirectoryPointsToItsCheckpoints() throws Exception {
        // a job's checkpoint directory: a completed checkpoint, and one that never completed
        Path job = dir.resolve("checkpoints").resolve("0123456789abcdef0123456789abcdef");
        Path complete = Files.createDirectories(job.resolve("chk-3"));
        Files.writeString(complete.resolve("_metadata"), "x");
        Files.createDirectories(job.resolve("chk-4"));
        Files.createDirectories(job.resolve("shared"));
        assertThat(run("--savepoint", dir.resolve("checkpoints").toString())).isEqualTo(2);
        assertThat(err())
                .contains("savepoints and checkpoints below it, newest first: " + complete);
        assertThat(err()).doesNotContain("chk-4");
    }

    @Test
    void aFileThatIsNotASavepoint() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "not a savepoint");
        assertThat(run("--savepoint", file.toString())).isEqualTo(2);
        assertThat(err()).contains(file + " is not a savepoint or checkpoint of a Flink job");
    }

    @Test
    void usage() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Usage: tauflow inspect", "--savepoint=PATH", "--q-table");
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("Missing required option: '--savepoint=PATH'");
        assertThat(run("--savepoint", agents, "--qtable")).isEqualTo(2);
        assertThat(err()).contains("Unknown option: '--qtable'");
    }
}
