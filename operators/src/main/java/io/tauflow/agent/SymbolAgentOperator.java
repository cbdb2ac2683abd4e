package io.tauflow.agent;

import io.tauflow.ingest.InboundEvent;
import io.tauflow.regime.RegimeMark;
import java.util.List;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;

/**
 * The operator that runs a {@link SymbolAgentFunction}: Flink's keyed-broadcast operator, plus one
 * step before every checkpoint barrier, where it writes to the Q-table the rows that agents have
 * kept to themselves while staying in one state ({@link SymbolAgentFunction#saveRows}). So the
 * Q-table {@code MapState} of every checkpoint and savepoint is each agent's whole table, as an
 * offline reader expects. Recovery does not depend on it: a pending row is also in the symbol's
 * {@code ValueState}.
 *
 * <p>Connect the keyed market events with the regime marks sent with {@code broadcast()} and add it
 * with {@code ConnectedStreams.transform}, as {@code TradingJob} does.
 */
public class SymbolAgentOperator
        extends CoBroadcastWithKeyedOperator<String, InboundEvent, RegimeMark, AgentDecision> {

    private static final long serialVersionUID = 1L;

    public SymbolAgentOperator(SymbolAgentFunction function) {
        super(function, List.of(SymbolAgentFunction.MARKET_REGIMES));
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        ((SymbolAgentFunction) getUserFunction()).saveRows(this::setCurrentKey);
    }
}
