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
 * {@code ValueState}. It also tells the function whether its state backend keeps references to
 * written objects, which decides whether the function may cache each symbol's state object.
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
    public void open() throws Exception {
        // before the function opens: its symbol cache needs a backend that keeps no reference to
        // the objects written to it (RocksDB serializes them; the heap backend keeps them)
        ((SymbolAgentFunction) getUserFunction())
                .stateObjectsPrivate(getKeyedStateBackend().isSafeToReuseKVState());
        super.open();
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        ((SymbolAgentFunction) getUserFunction()).saveRows(this::setCurrentKey);
    }
}
