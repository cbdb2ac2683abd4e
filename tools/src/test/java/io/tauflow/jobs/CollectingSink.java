package io.tauflow.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Sink V2 that keeps every record in memory under a name, for a job run on a MiniCluster in the
 * test's own JVM: what a test reads instead of an output topic.
 */
final class CollectingSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private static final Map<String, List<Object>> RECORDS = new ConcurrentHashMap<>();

    private final String name;

    CollectingSink(String name) {
        this.name = name;
        RECORDS.put(name, new ArrayList<>());
    }

    /** What the sinks named {@code name} received, in no particular order across subtasks. */
    @SuppressWarnings("unchecked")
    static <T> List<T> records(String name) {
        List<Object> l = RECORDS.getOrDefault(name, List.of());
        synchronized (l) {
            return new ArrayList<>((List<T>) (List<?>) l);
        }
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        List<Object> target = RECORDS.computeIfAbsent(name, k -> new ArrayList<>());
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) {
                synchronized (target) {
                    target.add(element);
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
