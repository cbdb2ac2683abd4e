package io.tauflow.risk;

import io.tauflow.schema.ControlCommand;
import io.tauflow.schema.Order;
import java.util.List;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;

/**
 * The operator that runs a {@link RiskGateFunction}: Flink's keyed-broadcast operator, with the
 * accounts kept on the heap between checkpoints and written to the keyed state when every
 * checkpoint is taken ({@link RiskGateFunction#flush}). So a checkpoint or savepoint holds every
 * account as of the barrier, while an event costs no state (de)serialisation: the whole account,
 * with its books of all symbols, used to be read and written on every price tick. After the flush
 * the function forgets the objects, so none that a snapshot holds is changed afterwards (safe on
 * the heap backend too).
 *
 * <p>Connect the keyed risk events with the control commands sent with {@code broadcast()} and add
 * it with {@code ConnectedStreams.transform}, as {@code TradingJob} does.
 */
public class RiskGateOperator
        extends CoBroadcastWithKeyedOperator<String, RiskEvent, ControlCommand, Order> {

    private static final long serialVersionUID = 1L;

    public RiskGateOperator(RiskGateFunction function) {
        super(function, List.of(RiskGateFunction.KILL_SWITCHES));
    }

    @Override
    public void open() throws Exception {
        ((RiskGateFunction) getUserFunction()).keepStateOnHeap(this::getCurrentKey);
        super.open();
    }

    /** Writes the values held on the heap to the keyed state before the backend snapshots it. */
    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        ((RiskGateFunction) getUserFunction()).flush(this::setCurrentKey);
        super.snapshotState(context);
    }
}
