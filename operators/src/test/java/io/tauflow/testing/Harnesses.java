package io.tauflow.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.TestableKeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/**
 * Reads an operator's keyed state from its test harness, through the same descriptors the operator
 * registers. The heap backend's {@code numKeyedStateEntries()} counts a whole {@code MapState} of
 * one key as one entry; these readers show what is inside.
 */
public final class Harnesses {

    private Harnesses() {}

    /**
     * The same count as {@code KeyedOneInputStreamOperatorTestHarness#numKeyedStateEntries()}, for
     * harnesses that lack it (the keyed broadcast harness): one per key and registered state.
     */
    public static int numKeyedStateEntries(AbstractStreamOperatorTestHarness<?> harness) {
        Object backend = harness.getOperator().getKeyedStateBackend();
        if (!(backend instanceof TestableKeyedStateBackend)) {
            throw new UnsupportedOperationException("not a testable backend: " + backend);
        }
        return ((TestableKeyedStateBackend<?>) backend).numKeyValueStateEntries();
    }

    public static <K, V> Map<K, V> mapState(
            AbstractStreamOperatorTestHarness<?> harness,
            Object key,
            MapStateDescriptor<K, V> descriptor)
            throws Exception {
        AbstractStreamOperator<?> operator = harness.getOperator();
        operator.setCurrentKey(key);
        MapState<K, V> state =
                operator.getKeyedStateBackend()
                        .getPartitionedState(
                                VoidNamespace.INSTANCE,
                                VoidNamespaceSerializer.INSTANCE,
                                descriptor);
        Map<K, V> out = new LinkedHashMap<>();
        Iterable<Map.Entry<K, V>> entries = state.entries();
        if (entries != null) {
            for (Map.Entry<K, V> e : entries) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    public static <V> V valueState(
            AbstractStreamOperatorTestHarness<?> harness,
            Object key,
            ValueStateDescriptor<V> descriptor)
            throws Exception {
        AbstractStreamOperator<?> operator = harness.getOperator();
        operator.setCurrentKey(key);
        ValueState<V> state =
                operator.getKeyedStateBackend()
                        .getPartitionedState(
                                VoidNamespace.INSTANCE,
                                VoidNamespaceSerializer.INSTANCE,
                                descriptor);
        return state.value();
    }
}
