package io.tauflow.agent;

import io.tauflow.ingest.InboundEvent;
import io.tauflow.regime.RegimeMark;
import io.tauflow.time.HeldRecords;
import java.util.List;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The operator that runs a {@link SymbolAgentFunction}: Flink's keyed-broadcast operator, plus one
 * step before every checkpoint barrier, where it writes to the Q-table the rows that agents have
 * kept to themselves while staying in one state ({@link SymbolAgentFunction#saveRows}). So the
 * Q-table {@code MapState} of every checkpoint and savepoint is each agent's whole table, as an
 * offline reader expects. Recovery does not depend on it: a pending row is also in the symbol's
 * {@code ValueState}. It also tells the function whether its state backend keeps references to
 * written objects, which decides whether the function may cache each symbol's state object.
 *
 * <p>With a reference symbol ({@link SymbolAgentFunction#waitForMarket()}) it holds every market
 * event on the heap until the operator's watermark (the minimum over both inputs) passes its time
 * and then hands it to the function, in event-time order ({@link HeldRecords}; the state {@link
 * SymbolAgentFunction#pendingDescriptor()} is their copy in checkpoints).
 *
 * <p>Connect the keyed market events with the regime marks sent with {@code broadcast()} and add it
 * with {@code ConnectedStreams.transform}, as {@code TradingJob} does.
 */
public class SymbolAgentOperator
        extends CoBroadcastWithKeyedOperator<String, InboundEvent, RegimeMark, AgentDecision> {

    private static final long serialVersionUID = 1L;

    private transient HeldRecords<InboundEvent> held;

    public SymbolAgentOperator(SymbolAgentFunction function) {
        super(function, List.of(SymbolAgentFunction.MARKET_REGIMES));
    }

    private SymbolAgentFunction function() {
        return (SymbolAgentFunction) getUserFunction();
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        MapStateDescriptor<Long, List<InboundEvent>> d = SymbolAgentFunction.pendingDescriptor();
        held = new HeldRecords<>(getPartitionedState(d));
        if (context.isRestored()) {
            held.restore(getKeyedStateBackend(), d.getName(), this::setCurrentKey);
        }
    }

    @Override
    public void processElement1(StreamRecord<InboundEvent> element) throws Exception {
        if (function().waitForMarket()) {
            InboundEvent e = element.getValue();
            held.hold((String) getCurrentKey(), e.eventTimeMs(), e);
        } else {
            super.processElement1(element);
        }
    }

    /** Events held for the watermark, for tests. */
    public int heldCount() {
        return held.size();
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        StreamRecord<InboundEvent> in = new StreamRecord<>(null);
        held.releaseUpTo(
                mark.getTimestamp(),
                (key, t, events) -> {
                    setCurrentKey(key);
                    for (InboundEvent e : events) {
                        super.processElement1(in.replace(e, t));
                    }
                });
        super.processWatermark(mark);
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
        function().saveRows(this::setCurrentKey);
    }

    /** Writes the held events to the keyed state before the backend snapshots it. */
    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        held.flush(this::setCurrentKey);
        super.snapshotState(context);
    }
}
