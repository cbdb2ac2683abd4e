package io.tauflow.time;

import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Releases each key's records in event-time order once the watermark has passed them, breaking ties
 * at equal times with a fixed comparator. Records from several topics (or several upstream
 * subtasks) then reach the next stage in the same order on every run and at every parallelism,
 * which is what makes a replay repeat exactly. Records already behind the watermark go to the late
 * side output instead. Released records carry their event time as timestamp.
 *
 * <p>Held records wait on the heap ({@link HeldRecords}), not in keyed state with a timer each, and
 * are released in event-time order, keys in their natural order at one time, each key's records by
 * the tie-break, then by arrival. The keyed {@code MapState} {@link #pendingDescriptor} is their
 * copy in checkpoints and savepoints, written when each is taken. Input must arrive through a
 * network exchange (a {@code keyBy}), so that no upstream operator can reuse a record it holds.
 *
 * @param <T> the record type
 */
public class EventTimeSortOperator<T> extends AbstractStreamOperator<T>
        implements OneInputStreamOperator<T, T> {

    private static final long serialVersionUID = 1L;

    /** Reads a record's event time. */
    @FunctionalInterface
    public interface EventTime<T> extends Serializable {
        long of(T record);
    }

    /** Orders records with equal event times. */
    public interface TieBreak<T> extends Comparator<T>, Serializable {}

    private final TypeInformation<T> type;
    private final EventTime<T> eventTime;
    private final TieBreak<T> tieBreak;
    private final OutputTag<T> late;

    private transient SortedInput<T> sorted;

    public EventTimeSortOperator(
            TypeInformation<T> type,
            EventTime<T> eventTime,
            TieBreak<T> tieBreak,
            OutputTag<T> late) {
        this.type = type;
        this.eventTime = eventTime;
        this.tieBreak = tieBreak;
        this.late = late;
    }

    /** Records waiting for the watermark, by event time: the keyed state of checkpoints. */
    public static <T> MapStateDescriptor<Long, List<T>> pendingDescriptor(TypeInformation<T> type) {
        return new MapStateDescriptor<>(
                "pending", BasicTypeInfo.LONG_TYPE_INFO, new ListTypeInfo<>(type));
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        MapStateDescriptor<Long, List<T>> descriptor = pendingDescriptor(type);
        sorted = new SortedInput<>(getPartitionedState(descriptor), tieBreak);
        if (context.isRestored()) {
            sorted.restore(getKeyedStateBackend(), descriptor.getName(), this::setCurrentKey);
        }
    }

    @Override
    public void processElement(StreamRecord<T> element) throws Exception {
        T record = element.getValue();
        if (!sorted.offer((String) getCurrentKey(), eventTime.of(record), record)) {
            output.collect(late, element);
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        StreamRecord<T> out = new StreamRecord<>(null);
        sorted.advance(
                mark.getTimestamp(),
                (key, t, records) -> {
                    setCurrentKey(key);
                    for (T record : records) {
                        output.collect(out.replace(record, t));
                    }
                });
        super.processWatermark(mark);
    }

    /** Records held, for tests. */
    public int heldCount() {
        return sorted.size();
    }

    /** Writes the held records to the keyed state before the backend snapshots it. */
    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        sorted.flush(this::setCurrentKey);
        super.snapshotState(context);
    }
}
