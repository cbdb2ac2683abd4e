package io.tauflow.tools.train;

import io.tauflow.agent.AgentState;
import io.tauflow.agent.QAgent;
import io.tauflow.agent.QRow;
import io.tauflow.agent.SymbolAgentFunction;
import io.tauflow.agent.SymbolState;
import io.tauflow.features.FeatureState;
import io.tauflow.jobs.Uids;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.OperatorTransformation;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.state.api.StateBootstrapTransformation;
import org.apache.flink.state.api.functions.KeyedStateBootstrapFunction;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.state.api.runtime.SavepointLoader;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

/**
 * Turns a savepoint of the job into one that holds only what its agents have learnt, for the next
 * training pass or an evaluation (State Processor API): for each symbol its Q-table and its {@link
 * AgentState} after {@link AgentState#startNewPass()} (steps, so the exploration phase, voter
 * scores, replay buffer and totals stay; the virtual position and the last step go), with fresh
 * features. Nothing else of the job is kept (no source offsets, no sorter, sizer, risk or VaR
 * state), so the job restores it under any sources, and every other operator starts empty. The new
 * savepoint has the max parallelism of the old one.
 */
public final class AgentCarryOver {

    private AgentCarryOver() {}

    /** One symbol's learnt state as carried; a POJO for Flink. */
    public static class Carried {
        public String symbol;
        public SymbolState state;
        public int[] tableStates;
        public double[][] tableRows;

        public Carried() {}

        /** Learning steps taken so far. */
        public long steps() {
            return state.agent.steps();
        }
    }

    /**
     * Writes the carried state of {@code savepoint} to {@code out} and returns it, one per symbol
     * in symbol order.
     *
     * @throws IllegalArgumentException if the savepoint has no agent state
     */
    public static List<Carried> carryOver(String savepoint, Path out) throws Exception {
        OperatorID agent = OperatorIdentifier.forUid(Uids.SYMBOL_AGENT).getOperatorId();
        int maxParallelism = -1;
        for (OperatorState op :
                SavepointLoader.loadSavepointMetadata(savepoint).getOperatorStates()) {
            if (op.getOperatorID().equals(agent)) {
                maxParallelism = op.getMaxParallelism();
            }
        }
        if (maxParallelism < 0) {
            throw new IllegalArgumentException(
                    savepoint + " holds no state of the agents (uid " + Uids.SYMBOL_AGENT + ")");
        }
        List<Carried> carried = read(savepoint);
        if (carried.isEmpty()) {
            throw new IllegalArgumentException(savepoint + " holds no symbol's agent");
        }
        for (Carried c : carried) {
            c.state.features = new FeatureState();
            c.state.agent.startNewPass();
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(1);
        DataStream<Carried> states = env.fromData(carried, TypeInformation.of(Carried.class));
        StateBootstrapTransformation<Carried> agents =
                OperatorTransformation.bootstrapWith(states)
                        .keyBy((KeySelector<Carried, String>) c -> c.symbol, Types.STRING)
                        .transform(new Writer());
        SavepointWriter.newSavepoint(env, new EmbeddedRocksDBStateBackend(), maxParallelism)
                .withOperator(OperatorIdentifier.forUid(Uids.SYMBOL_AGENT), agents)
                .write(out.toUri().toString());
        env.execute("tauflow-carry-over");
        return carried;
    }

    private static List<Carried> read(String savepoint) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        SavepointReader reader =
                SavepointReader.read(env, savepoint, new EmbeddedRocksDBStateBackend());
        List<Carried> carried = new ArrayList<>();
        try (CloseableIterator<Carried> it =
                reader.readKeyedState(
                                OperatorIdentifier.forUid(Uids.SYMBOL_AGENT),
                                new Reader(),
                                Types.STRING,
                                TypeInformation.of(Carried.class))
                        .executeAndCollect("tauflow-carry-over-read")) {
            it.forEachRemaining(carried::add);
        }
        carried.sort(Comparator.comparing(c -> c.symbol));
        return carried;
    }

    /** Each symbol's state and whole Q-table (with a row the agent has not written back yet). */
    static final class Reader extends KeyedStateReaderFunction<String, Carried> {
        private static final long serialVersionUID = 1L;

        private transient ValueState<SymbolState> symbolState;
        private transient MapState<Integer, QRow> table;

        @Override
        public void open(OpenContext context) {
            symbolState = getRuntimeContext().getState(SymbolAgentFunction.stateDescriptor());
            table = getRuntimeContext().getMapState(SymbolAgentFunction.qTableDescriptor());
        }

        @Override
        public void readKey(String key, Context context, Collector<Carried> out) throws Exception {
            SymbolState s = symbolState.value();
            if (s == null || s.agent == null) {
                return;
            }
            List<Integer> states = new ArrayList<>();
            List<double[]> rows = new ArrayList<>();
            boolean pendingSeen = false;
            for (Map.Entry<Integer, QRow> e : table.entries()) {
                QRow row = QAgent.rowOf(s.agent, e.getKey(), e.getValue());
                pendingSeen |= row != e.getValue();
                states.add(e.getKey());
                rows.add(row.values.clone());
            }
            if (s.agent.lastRowStatus() == AgentState.RowStatus.PENDING && !pendingSeen) {
                states.add(s.agent.lastState());
                rows.add(s.agent.lastRow.clone());
            }
            Carried c = new Carried();
            c.symbol = key;
            c.state = s;
            c.tableStates = states.stream().mapToInt(Integer::intValue).toArray();
            c.tableRows = rows.toArray(new double[0][]);
            out.collect(c);
        }
    }

    /** Writes each symbol's state and Q-table under the agent function's descriptors. */
    static final class Writer extends KeyedStateBootstrapFunction<String, Carried> {
        private static final long serialVersionUID = 1L;

        private transient ValueState<SymbolState> symbolState;
        private transient MapState<Integer, QRow> table;

        @Override
        public void open(OpenContext context) {
            symbolState = getRuntimeContext().getState(SymbolAgentFunction.stateDescriptor());
            table = getRuntimeContext().getMapState(SymbolAgentFunction.qTableDescriptor());
        }

        @Override
        public void processElement(Carried c, Context context) throws Exception {
            symbolState.update(c.state);
            for (int i = 0; i < c.tableStates.length; i++) {
                table.put(c.tableStates[i], new QRow(c.tableRows[i]));
            }
        }
    }
}
