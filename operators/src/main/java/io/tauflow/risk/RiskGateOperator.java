package io.tauflow.risk;

import io.tauflow.schema.ControlCommand;
import io.tauflow.schema.Order;
import io.tauflow.schema.RiskEstimate;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

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
        function().keepStateOnHeap(this::getCurrentKey);
        function().rollQuietAccounts();
        super.open();
    }

    private RiskGateFunction function() {
        return (RiskGateFunction) getUserFunction();
    }

    /**
     * On a watermark of the risk input (the control input has none): publishes the estimate of
     * every account whose window ended at or before it without a later event, before passing the
     * watermark on.
     */
    @Override
    public void processWatermark1(Watermark mark) throws Exception {
        for (Map.Entry<String, Long> due : function().quietUpTo(mark.getTimestamp())) {
            setCurrentKey(due.getKey());
            RiskEstimate r = function().rollAt(due.getKey(), due.getValue());
            if (r != null) {
                output.collect(
                        RiskGateFunction.ESTIMATES, new StreamRecord<>(r, r.getWindowEndMs()));
            }
        }
        super.processWatermark1(mark);
    }

    /** Writes the values held on the heap to the keyed state before the backend snapshots it. */
    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        ((RiskGateFunction) getUserFunction()).flush(this::setCurrentKey);
        super.snapshotState(context);
    }
}
