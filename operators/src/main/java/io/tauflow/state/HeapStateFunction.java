package io.tauflow.state;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A keyed function whose value states can stay on the heap between checkpoints ({@link WriteBack}):
 * its operator tells it the current key before {@code open()} and flushes it when a checkpoint is
 * taken. Run without such an operator, the function reads and writes its states on every event.
 */
public interface HeapStateFunction {

    /**
     * Called by the operator before {@code open()}: wrap the value states with {@link
     * WriteBack#over} and this key supplier.
     */
    void keepStateOnHeap(Supplier<Object> currentKey);

    /** Writes the values held on the heap to the keyed state ({@link WriteBack#flush}). */
    void flush(Consumer<Object> selectKey) throws Exception;
}
