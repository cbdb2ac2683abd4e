package io.tauflow.state;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;

/**
 * A keyed process function whose value states stay on the heap between checkpoints when it runs in
 * a {@link WriteBackOperator}: get them with {@link #valueState} in {@code open()}. Run in Flink's
 * own operator, the states are read and written on every event as usual.
 */
public abstract class HeapStateProcessFunction<IN, OUT>
        extends KeyedProcessFunction<String, IN, OUT> implements HeapStateFunction {

    private static final long serialVersionUID = 1L;

    private transient Supplier<Object> heapKey;
    private transient List<ValueState<?>> states;

    @Override
    public void keepStateOnHeap(Supplier<Object> currentKey) {
        heapKey = currentKey;
    }

    /** The keyed value state of {@code d}, kept on the heap in a {@link WriteBackOperator}. */
    protected <V> ValueState<V> valueState(ValueStateDescriptor<V> d) {
        ValueState<V> s = WriteBack.over(getRuntimeContext().getState(d), heapKey);
        if (states == null) {
            states = new ArrayList<>();
        }
        states.add(s);
        return s;
    }

    @Override
    public void flush(Consumer<Object> selectKey) throws Exception {
        if (states != null) {
            for (ValueState<?> s : states) {
                WriteBack.flush(s, selectKey);
            }
        }
    }
}
