package io.tauflow.state;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.flink.api.common.state.ValueState;

/**
 * A keyed {@link ValueState} whose values stay on the heap between checkpoints: the first read of a
 * key after a checkpoint reads the state behind, later reads and writes of that key touch only the
 * heap, and {@link #flush} writes every held value to the state when a checkpoint is taken (from
 * the operator's {@code snapshotState}, before the keyed backend's snapshot) and forgets them. So
 * an event costs no state (de)serialisation, and a checkpoint or savepoint still holds every value
 * as of its barrier.
 *
 * <p>Why this is safe: (1) every read and write of the state goes through this object; (2) the
 * operator flushes before each snapshot; (3) after the flush nothing holds an object a snapshot may
 * still be writing: the next event reads the value afresh (on the heap backend a copy, while a
 * snapshot is running); (4) a restore or rescale starts with an empty holder. What changed since
 * the last checkpoint is lost on a failure, exactly as the events that changed it are replayed.
 * Heap use: one value per key touched since the last checkpoint.
 *
 * <p>{@link WriteBackOperator} runs a {@link HeapStateFunction} this way. Not thread-safe: one per
 * operator instance.
 *
 * @param <V> the state's value type
 */
public final class WriteBack<V> implements ValueState<V> {

    private final ValueState<V> state;
    private final Supplier<Object> currentKey;
    private final Map<Object, V> held = new HashMap<>();

    /**
     * @param state the keyed state behind
     * @param currentKey the operator's current key
     */
    public WriteBack(ValueState<V> state, Supplier<Object> currentKey) {
        this.state = state;
        this.currentKey = currentKey;
    }

    /**
     * {@code state} written back when {@code currentKey} is given (the function runs in a {@link
     * WriteBackOperator}), else {@code state} itself.
     */
    public static <V> ValueState<V> over(ValueState<V> state, Supplier<Object> currentKey) {
        return currentKey == null ? state : new WriteBack<>(state, currentKey);
    }

    @Override
    public V value() throws IOException {
        Object key = currentKey.get();
        V v = held.get(key);
        if (v == null) {
            v = state.value();
            if (v != null) {
                held.put(key, v);
            }
        }
        return v;
    }

    @Override
    public void update(V value) throws IOException {
        if (value == null) {
            clear();
        } else {
            held.put(currentKey.get(), value);
        }
    }

    @Override
    public void clear() {
        held.remove(currentKey.get());
        state.clear();
    }

    /**
     * Writes every held value to the state ({@code selectKey} makes a key the current one) and
     * forgets them.
     */
    public void flush(Consumer<Object> selectKey) throws IOException {
        for (Map.Entry<Object, V> e : held.entrySet()) {
            selectKey.accept(e.getKey());
            state.update(e.getValue());
        }
        held.clear();
    }

    /** Flushes {@code state} if it is a {@link WriteBack}. */
    public static void flush(ValueState<?> state, Consumer<Object> selectKey) throws IOException {
        if (state instanceof WriteBack<?> w) {
            w.flush(selectKey);
        }
    }
}
