package io.tauflow.state;

import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;

/**
 * Runs a keyed process function that is a {@link HeapStateFunction} (e.g. a {@link
 * HeapStateProcessFunction}) with its value states on the heap between checkpoints ({@link
 * WriteBack}): an event costs no state (de)serialisation, and every checkpoint or savepoint holds
 * the values as of its barrier. Add it with {@code KeyedStream.transform}, as {@code TradingJob}
 * does.
 *
 * @param <F> the function: a keyed process function and a heap-state function
 */
public class WriteBackOperator<
                IN, OUT, F extends KeyedProcessFunction<String, IN, OUT> & HeapStateFunction>
        extends KeyedProcessOperator<String, IN, OUT> {

    private static final long serialVersionUID = 1L;

    public WriteBackOperator(F function) {
        super(function);
    }

    private HeapStateFunction function() {
        return (HeapStateFunction) getUserFunction();
    }

    @Override
    public void open() throws Exception {
        function().keepStateOnHeap(this::getCurrentKey);
        super.open();
    }

    /** Writes the values held on the heap to the keyed state before the backend snapshots it. */
    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        function().flush(this::setCurrentKey);
        super.snapshotState(context);
    }
}
