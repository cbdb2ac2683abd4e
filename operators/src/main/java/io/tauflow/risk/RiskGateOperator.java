package io.tauflow.risk;

import io.tauflow.schema.ControlCommand;
import io.tauflow.schema.Order;
import io.tauflow.schema.RiskEstimate;
import io.tauflow.time.EventTimeSortOperator;
import io.tauflow.time.SortedInput;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * The operator that runs a {@link RiskGateFunction}: Flink's keyed-broadcast operator, with the
 * accounts kept on the heap between checkpoints and written to the keyed state when every
 * checkpoint is taken ({@link RiskGateFunction#flush}). So a checkpoint or savepoint holds every
 * account as of the barrier, while an event costs no state (de)serialisation: the whole account,
 * with its books of all symbols, used to be read and written on every price tick. After the flush
 * the function forgets the objects, so none that a snapshot holds is changed afterwards (safe on
 * the heap backend too).
 *
 * <p>It sorts its risk input itself ({@link SortedInput}, as {@link EventTimeSortOperator} would in
 * an operator of its own, with one network exchange less): order intents, estimates and prices wait
 * on the heap until the risk input's watermark passes them and reach the function in event-time
 * order, at equal times as {@link RiskEvent#compareAtEqualTime} says; an event already behind that
 * watermark goes to {@link #LATE} instead. The held events are written to the keyed state {@link
 * #pendingDescriptor()} when a checkpoint is taken.
 *
 * <p>Connect the keyed risk events with the control commands sent with {@code broadcast()} and add
 * it with {@code ConnectedStreams.transform}, as {@code TradingJob} does.
 */
public class RiskGateOperator
        extends CoBroadcastWithKeyedOperator<String, RiskEvent, ControlCommand, Order> {

    private static final long serialVersionUID = 1L;

    /** Risk events that arrive behind the risk input's watermark. */
    public static final OutputTag<RiskEvent> LATE =
            new OutputTag<>("late-risk-input", TypeInformation.of(RiskEvent.class)) {};

    private transient SortedInput<RiskEvent> sorted;

    /** Risk events waiting for the watermark: their copy in checkpoints. */
    public static MapStateDescriptor<Long, List<RiskEvent>> pendingDescriptor() {
        return EventTimeSortOperator.pendingDescriptor(TypeInformation.of(RiskEvent.class));
    }

    public RiskGateOperator(RiskGateFunction function) {
        super(function, List.of(RiskGateFunction.KILL_SWITCHES));
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        MapStateDescriptor<Long, List<RiskEvent>> d = pendingDescriptor();
        sorted = new SortedInput<>(getPartitionedState(d), RiskEvent::compareAtEqualTime);
        if (context.isRestored()) {
            sorted.restore(getKeyedStateBackend(), d.getName(), this::setCurrentKey);
        }
    }

    /** Holds the event until the risk input's watermark passes it (or sends it to LATE). */
    @Override
    public void processElement1(StreamRecord<RiskEvent> element) throws Exception {
        RiskEvent e = element.getValue();
        if (!sorted.offer((String) getCurrentKey(), e.eventTimeMs(), e)) {
            output.collect(LATE, element);
        }
    }

    /** Events held for the watermark, for tests. */
    public int heldCount() {
        return sorted.size();
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
     * On a watermark of the risk input (the control input has none): hands the function every held
     * event at or before it, in order, then publishes the estimate of every account whose window
     * ended at or before it without a later event, before passing the watermark on.
     */
    @Override
    public void processWatermark1(Watermark mark) throws Exception {
        StreamRecord<RiskEvent> in = new StreamRecord<>(null);
        sorted.advance(
                mark.getTimestamp(),
                (key, t, events) -> {
                    setCurrentKey(key);
                    for (RiskEvent e : events) {
                        super.processElement1(in.replace(e, t));
                    }
                });
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

    /**
     * Writes the values and events held on the heap to the keyed state before the backend snapshots
     * it.
     */
    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        sorted.flush(this::setCurrentKey);
        ((RiskGateFunction) getUserFunction()).flush(this::setCurrentKey);
        super.snapshotState(context);
    }
}
