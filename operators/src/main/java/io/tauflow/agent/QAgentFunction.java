package io.tauflow.agent;

import io.tauflow.features.FeatureVector;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by symbol: runs the {@link QAgent} with its Q-table in keyed {@code MapState} (RocksDB in
 * production: one entry per visited state) and its situation in {@code ValueState}. Emits a
 * decision per candle and every closed virtual trade on {@link #OUTCOMES}.
 */
public class QAgentFunction extends KeyedProcessFunction<String, FeatureVector, AgentDecision> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<TradeOutcome> OUTCOMES =
            new OutputTag<>("trade-outcomes", TypeInformation.of(TradeOutcome.class)) {};

    private final AgentConfig config;
    private final StateEncoder encoder;

    private transient QAgent agent;
    private transient MapState<Integer, QRow> qTable;
    private transient ValueState<AgentState> agentState;
    private transient QTable table;

    public QAgentFunction(AgentConfig config, StateEncoder encoder) {
        this.config = config;
        this.encoder = encoder;
    }

    public static MapStateDescriptor<Integer, QRow> qTableDescriptor() {
        return new MapStateDescriptor<>("q-table", Types.INT, TypeInformation.of(QRow.class));
    }

    public static ValueStateDescriptor<AgentState> agentStateDescriptor() {
        return new ValueStateDescriptor<>("agent", AgentState.class);
    }

    @Override
    public void open(OpenContext openContext) {
        agent = new QAgent(config, encoder);
        qTable = getRuntimeContext().getMapState(qTableDescriptor());
        agentState = getRuntimeContext().getState(agentStateDescriptor());
        table =
                new QTable() {
                    @Override
                    public QRow get(int state) throws Exception {
                        return qTable.get(state);
                    }

                    @Override
                    public void put(int state, QRow row) throws Exception {
                        qTable.put(state, row);
                    }
                };
    }

    @Override
    public void processElement(FeatureVector v, Context ctx, Collector<AgentDecision> out)
            throws Exception {
        AgentState s = agentState.value();
        if (s == null) {
            s = new AgentState();
        }
        QAgent.Step step = agent.step(s, v, table);
        agentState.update(s);
        out.collect(step.decision);
        if (step.outcome != null) {
            ctx.output(OUTCOMES, step.outcome);
        }
    }
}
