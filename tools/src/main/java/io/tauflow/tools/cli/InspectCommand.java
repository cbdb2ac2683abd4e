package io.tauflow.tools.cli;

import io.tauflow.agent.AgentConfig;
import io.tauflow.agent.AgentState;
import io.tauflow.agent.EncoderOptions;
import io.tauflow.agent.PerformanceMetrics;
import io.tauflow.agent.QAgent;
import io.tauflow.agent.QRow;
import io.tauflow.agent.StateEncoder;
import io.tauflow.agent.SymbolAgentFunction;
import io.tauflow.agent.SymbolState;
import io.tauflow.ingest.InboundEvent;
import io.tauflow.jobs.JobSettings;
import io.tauflow.jobs.Uids;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.state.api.runtime.SavepointLoader;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/tauflow inspect}: reads the agents' state out of a savepoint or a retained checkpoint
 * of the trading job with the State Processor API, on a local environment, and prints it as CSV:
 * per symbol its bars, learning steps, epsilon phase, virtual position, realised P&amp;L, visited
 * states and coverage of the state space ({@code AgentState}, {@code FeatureState}), or with {@code
 * --q-table} every Q-table row with its state's bins.
 *
 * <p>The state is that of the operator with uid {@link Uids#SYMBOL_AGENT}, through the descriptors
 * of {@link SymbolAgentFunction}. The encoder and the epsilon phases come from the options ({@code
 * --tauflow.encoder.*}, {@code --tauflow.agent.*}, {@code --conf-dir}): they must be the run's.
 *
 * <p>Exit codes: 0 done, 2 bad arguments, a path that is not a savepoint or checkpoint of the job,
 * or state that does not fit the encoder (the message names the problem), 1 reading failed.
 */
@Command(
        name = "inspect",
        header = "Read the Q-agents' state out of a savepoint or checkpoint.",
        mixinStandardHelpOptions = true,
        description = {
            "Read the Q-agents' state out of a savepoint or a retained checkpoint of the trading"
                    + " job (State Processor API, operator uid symbol-agent, RocksDB; no cluster)"
                    + " and print it as CSV with a header: per symbol the bars seen, learning"
                    + " steps, epsilon phase, virtual position, realised P&L, trades, visited"
                    + " states and their coverage of the encoder's state space, whether a Q-table"
                    + " row is pending, events waiting for the watermark.",
            "The tauflow.encoder.* and tauflow.agent.* options must be the run's: they define the"
                    + " state space and the phases. State layout: docs/AGENT.md; taking"
                    + " savepoints: README.md."
        })
public final class InspectCommand extends CliCommand {

    /** The columns of the per-symbol table. */
    static final String SUMMARY_HEADER =
            "symbol,bars,steps,phase,epsilon,position_qty,units,entry_price,entry_time,last_price,"
                    + "realized_pnl,burned,trades,wins,opens,adds,streak,visited_states,q_rows,"
                    + "state_space,coverage_pct,last_state,last_action,row_pending,events_waiting,"
                    + "score_q,score_momentum,score_mean_reversion";

    /** The encoder's dimensions, most significant first, as {@link StateEncoder#decode} orders. */
    public static final String[] BINS = {
        "momentum_short_bin",
        "momentum_mid_bin",
        "momentum_long_bin",
        "volatility_bin",
        "position_bin",
        "duration_bin",
        "streak_bin",
        "regime_bin",
        "sentiment_bin",
        "book_imbalance_bin",
        "book_spread_bin",
        "vpin_bin"
    };

    public static final String[] PHASES = {"WARMUP", "LEARNING", "REFINEMENT", "MASTERY"};

    @Option(
            names = "--savepoint",
            required = true,
            paramLabel = "PATH",
            description =
                    "A savepoint or checkpoint directory (the one holding _metadata, e.g."
                            + " .../savepoint-1a2b3c-0123456789ab or .../<job-id>/chk-12), or its"
                            + " _metadata file; a local path or file: URI.")
    String savepoint;

    @Option(names = "--symbol", paramLabel = "S", description = "Only this symbol.")
    String symbol;

    @Option(
            names = "--q-table",
            description =
                    "Print the Q-table rows instead: symbol, state index, the state's bin in each"
                            + " of the encoder's twelve dimensions (the last four, the input streams of"
                            + " tauflow.encoder.inputs, are 0 when off), one Q value per"
                            + " action.")
    boolean qTable;

    @Mixin ConfigMixin config;

    InspectCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    /** Runs {@code bin/tauflow inspect ARGS}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String[] all = new String[args.length + 1];
        all[0] = "inspect";
        System.arraycopy(args, 0, all, 1, args.length);
        return Tauflow.execute(out, err, all);
    }

    /** A problem with the arguments or the input, reported as the message with exit code 2. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    /**
     * Runs the command; returns the exit code. Output goes to {@code out}, messages to {@code err}.
     */
    @Override
    public Integer call() {
        if (symbol != null && symbol.isBlank()) {
            throw usage("Invalid value for option '--symbol': must not be empty");
        }
        if (savepoint.isBlank()) {
            throw usage("Invalid value for option '--savepoint': must not be empty");
        }
        JobSettings settings = config.settings();
        List<Saved> saved;
        try {
            checkAgentState(loadMetadata(savepoint), savepoint);
            saved = read(savepoint, symbol, qTable);
        } catch (Failure e) {
            return fail(err, e.getMessage());
        } catch (Exception e) {
            err.println("tauflow inspect: reading " + savepoint + " failed: " + e);
            boolean missingFile = false;
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                err.println("  caused by: " + cause);
                missingFile |= cause instanceof FileNotFoundException;
            }
            if (missingFile) {
                err.println(
                        "tauflow inspect: a file of the checkpoint is gone. A running job deletes"
                                + " a checkpoint and the files only it uses once a newer one"
                                + " completes: read a savepoint, or a checkpoint of a stopped job.");
            }
            return 1;
        }
        try {
            print(saved, symbol, qTable, settings, out, err, savepoint);
        } catch (Failure e) {
            return fail(err, e.getMessage());
        }
        return 0;
    }

    private int fail(PrintStream err, String message) {
        err.println("tauflow inspect: " + message);
        return 2;
    }

    /**
     * The savepoint's or checkpoint's metadata; a {@link Failure} naming the problem for a path
     * that does not exist or is not a savepoint or checkpoint (with those found below a directory
     * that is not one itself, such as a job's checkpoint directory).
     */
    static CheckpointMetadata loadMetadata(String location) throws Failure {
        Path path = new Path(location);
        try {
            FileSystem fs = path.getFileSystem();
            if (!fs.exists(path)) {
                throw new Failure("no such file or directory: " + location);
            }
            if (fs.getFileStatus(path).isDir() && !fs.exists(new Path(path, "_metadata"))) {
                List<FileStatus> below = metadataDirectories(fs, path, 2);
                StringBuilder m =
                        new StringBuilder(
                                location
                                        + " is not a savepoint or checkpoint: it has no _metadata");
                if (below.isEmpty()) {
                    m.append(", and no directory below it has one");
                } else {
                    m.append("; savepoints and checkpoints below it, newest first:");
                    for (int i = 0; i < below.size() && i < 5; i++) {
                        m.append(' ').append(below.get(i).getPath().toUri().getPath());
                    }
                }
                throw new Failure(m.toString());
            }
        } catch (IOException e) {
            throw new Failure("cannot read " + location + ": " + e.getMessage());
        }
        try {
            return SavepointLoader.loadSavepointMetadata(location);
        } catch (IOException | RuntimeException e) {
            throw new Failure(
                    location
                            + " is not a savepoint or checkpoint of a Flink job: "
                            + e.getMessage());
        }
    }

    /** Directories at most {@code depth} levels below {@code dir} that hold a _metadata file. */
    private static List<FileStatus> metadataDirectories(FileSystem fs, Path dir, int depth)
            throws IOException {
        List<FileStatus> found = new ArrayList<>();
        FileStatus[] children = fs.listStatus(dir);
        if (children == null) {
            return found;
        }
        for (FileStatus c : children) {
            if (!c.isDir()) {
                continue;
            }
            Path metadata = new Path(c.getPath(), "_metadata");
            if (fs.exists(metadata)) {
                found.add(fs.getFileStatus(metadata));
            } else if (depth > 1) {
                found.addAll(metadataDirectories(fs, c.getPath(), depth - 1));
            }
        }
        found.sort(Comparator.comparingLong(FileStatus::getModificationTime).reversed());
        List<FileStatus> dirs = new ArrayList<>();
        for (FileStatus f : found) {
            dirs.add(
                    f.getPath().getName().equals("_metadata")
                            ? fs.getFileStatus(f.getPath().getParent())
                            : f);
        }
        return dirs;
    }

    /**
     * Checks that the metadata has state of the agent operator; a {@link Failure} listing the
     * operators it has otherwise.
     */
    static void checkAgentState(CheckpointMetadata metadata, String location) throws Failure {
        OperatorID agent = OperatorIdentifier.forUid(Uids.SYMBOL_AGENT).getOperatorId();
        Map<OperatorID, String> known = knownUids();
        List<String> operators = new ArrayList<>();
        for (OperatorState s : metadata.getOperatorStates()) {
            if (s.getOperatorID().equals(agent)) {
                if (s.isFullyFinished()) {
                    throw new Failure(
                            location
                                    + ": the agent operator (uid "
                                    + Uids.SYMBOL_AGENT
                                    + ") had finished when this checkpoint was taken, so it holds"
                                    + " none of its state (the last checkpoint of a bounded run);"
                                    + " take a savepoint of the running job instead (README.md,"
                                    + " 'Savepoints and inspecting state')");
                }
                return;
            }
            String uid = s.getOperatorUid().orElse(known.get(s.getOperatorID()));
            operators.add(
                    uid != null
                            ? uid
                            : s.getOperatorName().map(n -> "'" + n + "'").orElse("")
                                    + " (id "
                                    + s.getOperatorID()
                                    + ")");
        }
        throw new Failure(
                location
                        + " holds no state of the agent operator (uid "
                        + Uids.SYMBOL_AGENT
                        + "): not a savepoint of the Tauflow trading job? It has "
                        + (operators.isEmpty()
                                ? "no operator state at all"
                                : "state of " + String.join(", ", new TreeSet<>(operators))));
    }

    /** The operator ids of the job's uids ({@link Uids}), for a savepoint that has ids only. */
    private static Map<OperatorID, String> knownUids() {
        Map<OperatorID, String> ids = new HashMap<>();
        for (Field f : Uids.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    String uid = (String) f.get(null);
                    ids.put(OperatorIdentifier.forUid(uid).getOperatorId(), uid);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return ids;
    }

    /**
     * What the reader found under one symbol: its state and a summary of its Q-table ({@link
     * #state} -1), or one Q-table row ({@link #state} its index). A POJO.
     */
    public static class Saved {
        public String symbol;

        /** -1 for the symbol's summary, else the state index of the row in {@link #values}. */
        public int state = -1;

        /** Whether this symbol was asked for; the others are listed by name only. */
        public boolean selected;

        /** The summary: the symbol's features and agent (null: no candle yet). */
        public SymbolState symbolState;

        public int tableRows;
        public int maxTableState = -1;
        public int eventsWaiting;

        /** A row: its Q values by action, and whether they are the agent's unsaved copy. */
        public double[] values;

        public boolean pending;

        public Saved() {}
    }

    /** Reads each symbol's state and Q-table through the descriptors of the agent function. */
    static final class Reader extends KeyedStateReaderFunction<String, Saved> {
        private static final long serialVersionUID = 1L;

        private final String only;
        private final boolean rows;
        private transient ValueState<SymbolState> symbolState;
        private transient MapState<Integer, QRow> table;
        private transient MapState<Long, List<InboundEvent>> waiting;

        Reader(String only, boolean rows) {
            this.only = only;
            this.rows = rows;
        }

        @Override
        public void open(OpenContext context) {
            symbolState = getRuntimeContext().getState(SymbolAgentFunction.stateDescriptor());
            table = getRuntimeContext().getMapState(SymbolAgentFunction.qTableDescriptor());
            waiting = getRuntimeContext().getMapState(SymbolAgentFunction.pendingDescriptor());
        }

        @Override
        public void readKey(String key, Context context, Collector<Saved> out) throws Exception {
            Saved summary = new Saved();
            summary.symbol = key;
            summary.selected = only == null || only.equals(key);
            if (!summary.selected) {
                out.collect(summary);
                return;
            }
            SymbolState s = symbolState.value();
            summary.symbolState = s;
            AgentState agent = s == null || s.agent == null ? new AgentState() : s.agent;
            boolean pendingInTable = false;
            for (Map.Entry<Integer, QRow> e : table.entries()) {
                int state = e.getKey();
                summary.tableRows++;
                summary.maxTableState = Math.max(summary.maxTableState, state);
                if (rows) {
                    QRow row = QAgent.rowOf(agent, state, e.getValue());
                    out.collect(row(key, state, row, row != e.getValue()));
                    pendingInTable |= row != e.getValue();
                }
            }
            // a row the agent created in the state it has not left yet is not in the table
            if (rows && agent.lastRowStatus() == AgentState.RowStatus.PENDING && !pendingInTable) {
                out.collect(row(key, agent.lastState(), new QRow(agent.lastRow), true));
            }
            for (List<InboundEvent> events : waiting.values()) {
                summary.eventsWaiting += events.size();
            }
            out.collect(summary);
        }

        private static Saved row(String symbol, int state, QRow row, boolean pending) {
            Saved r = new Saved();
            r.symbol = symbol;
            r.selected = true;
            r.state = state;
            r.values = row.values;
            r.pending = pending;
            return r;
        }
    }

    /** Everything the reader finds, read on a local environment with RocksDB. */
    static List<Saved> read(String location, String symbol, boolean rows) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        SavepointReader reader =
                SavepointReader.read(env, location, new EmbeddedRocksDBStateBackend());
        List<Saved> saved = new ArrayList<>();
        try (CloseableIterator<Saved> it =
                reader.readKeyedState(
                                OperatorIdentifier.forUid(Uids.SYMBOL_AGENT),
                                new Reader(symbol, rows),
                                Types.STRING,
                                TypeInformation.of(Saved.class))
                        .executeAndCollect("tauflow-inspect")) {
            it.forEachRemaining(saved::add);
        }
        return saved;
    }

    static void print(
            List<Saved> saved,
            String symbol,
            boolean qTable,
            JobSettings settings,
            PrintStream out,
            PrintStream err,
            String location)
            throws Failure {
        StateEncoder encoder = settings.encoder;
        Set<String> symbols = new TreeSet<>();
        List<Saved> summaries = new ArrayList<>();
        List<Saved> rows = new ArrayList<>();
        for (Saved s : saved) {
            if (s.state < 0) {
                symbols.add(s.symbol);
                if (s.selected) {
                    summaries.add(s);
                }
            } else {
                rows.add(s);
            }
        }
        if (symbol != null && summaries.isEmpty()) {
            throw new Failure(
                    location
                            + " has no state for symbol "
                            + symbol
                            + (symbols.isEmpty() ? "; it has no symbol at all" : "; symbols: ")
                            + String.join(", ", symbols));
        }
        summaries.sort(Comparator.comparing(s -> s.symbol));
        for (Saved s : summaries) {
            AgentState a = agent(s);
            int highest = Math.max(s.maxTableState, a.lastState());
            if (highest >= encoder.size()) {
                throw new Failure(
                        "symbol "
                                + s.symbol
                                + " has state "
                                + highest
                                + ", outside the encoder's "
                                + encoder.size()
                                + " states ("
                                + describe(settings)
                                + "): pass the run's --tauflow.encoder.preset or"
                                + " --tauflow.encoder.bins");
            }
        }
        if (summaries.isEmpty()) {
            err.println(
                    "tauflow inspect: "
                            + location
                            + " holds no symbol's state yet: no market event had reached the"
                            + " agents (they wait for the watermark in the sorter before them)");
        }
        if (qTable) {
            out.print("symbol,state," + String.join(",", BINS));
            for (var action : QAgent.ACTIONS) {
                out.print(",q_" + action.name().toLowerCase(Locale.ROOT));
            }
            out.println(",pending");
            rows.sort(Comparator.comparing((Saved r) -> r.symbol).thenComparingInt(r -> r.state));
            StringBuilder line = new StringBuilder(256);
            for (Saved r : rows) {
                line.setLength(0);
                line.append(r.symbol).append(',').append(r.state);
                for (int b : encoder.decode(r.state)) {
                    line.append(',').append(b);
                }
                for (double q : r.values) {
                    line.append(',').append(num(q));
                }
                line.append(',').append(r.pending);
                out.println(line);
            }
            return;
        }
        out.println(SUMMARY_HEADER);
        AgentConfig config = settings.agent;
        for (Saved s : summaries) {
            AgentState a = agent(s);
            long bars =
                    s.symbolState == null || s.symbolState.features == null
                            ? 0
                            : s.symbolState.features.bars;
            long steps = a.steps();
            boolean open = a.positionQty() != 0;
            long visited = a.visitedStates();
            List<String> cells = new ArrayList<>();
            cells.add(s.symbol);
            cells.add(Long.toString(bars));
            cells.add(Long.toString(steps));
            cells.add(PHASES[config.phaseAt(steps)]);
            cells.add(num(config.epsilonAt(steps)));
            cells.add(num(a.positionQty()));
            cells.add(Integer.toString(a.units()));
            cells.add(open ? num(a.entryPrice()) : "");
            cells.add(open ? Instant.ofEpochMilli(a.entryTimeMs()).toString() : "");
            cells.add(num(a.lastPrice()));
            cells.add(num(a.realizedPnl()));
            cells.add(num(a.burned()));
            cells.add(Long.toString(a.trades()));
            cells.add(Long.toString(a.wins()));
            cells.add(Long.toString(a.opens()));
            cells.add(Long.toString(a.adds()));
            cells.add(Integer.toString(a.streak()));
            cells.add(Long.toString(visited));
            cells.add(Integer.toString(s.tableRows));
            cells.add(Integer.toString(encoder.size()));
            cells.add(
                    String.format(
                            Locale.ROOT,
                            "%.4f",
                            100 * PerformanceMetrics.stateCoverage(visited, encoder.size())));
            cells.add(a.lastState() < 0 ? "" : Integer.toString(a.lastState()));
            cells.add(a.lastState() < 0 ? "" : a.lastAction().name());
            cells.add(Boolean.toString(a.lastRowStatus() == AgentState.RowStatus.PENDING));
            cells.add(Integer.toString(s.eventsWaiting));
            for (int v = 0; v < QAgent.VOTERS.length; v++) {
                cells.add(num(a.voterScore(v)));
            }
            out.println(String.join(",", cells));
        }
    }

    private static AgentState agent(Saved s) {
        return s.symbolState == null || s.symbolState.agent == null
                ? new AgentState()
                : s.symbolState.agent;
    }

    private static String describe(JobSettings settings) {
        java.util.List<Integer> bins = settings.get(EncoderOptions.BINS);
        return bins.isEmpty() ? "preset " + settings.get(EncoderOptions.PRESET) : "bins " + bins;
    }

    /** The shortest decimal that reads back as the same double, without an exponent. */
    static String num(double x) {
        if (!Double.isFinite(x)) {
            return Double.toString(x);
        }
        return new BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString();
    }
}
