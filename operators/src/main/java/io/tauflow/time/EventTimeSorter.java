package io.tauflow.time;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Releases each key's records in event-time order once the watermark has passed them, breaking ties
 * at equal times with a fixed comparator. Records from several topics (or several upstream
 * subtasks) then reach the next stage in the same order on every run and at every parallelism,
 * which is what makes a replay repeat exactly. Records already behind the watermark go to the late
 * side output instead.
 *
 * @param <T> the record type
 */
public class EventTimeSorter<T> extends KeyedProcessFunction<String, T, T>
        implements ResultTypeQueryable<T> {

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

    private transient MapState<Long, List<T>> pending;

    public EventTimeSorter(
            TypeInformation<T> type,
            EventTime<T> eventTime,
            TieBreak<T> tieBreak,
            OutputTag<T> late) {
        this.type = type;
        this.eventTime = eventTime;
        this.tieBreak = tieBreak;
        this.late = late;
    }

    /** Records waiting for the watermark, by event time. */
    public static <T> MapStateDescriptor<Long, List<T>> pendingDescriptor(TypeInformation<T> type) {
        return new MapStateDescriptor<>(
                "pending", BasicTypeInfo.LONG_TYPE_INFO, new ListTypeInfo<>(type));
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getMapState(pendingDescriptor(type));
    }

    @Override
    public void processElement(T record, Context ctx, Collector<T> out) throws Exception {
        long t = eventTime.of(record);
        if (t <= ctx.timerService().currentWatermark()) {
            ctx.output(late, record);
            return;
        }
        List<T> atTime = pending.get(t);
        if (atTime == null) {
            atTime = new ArrayList<>(2);
            ctx.timerService().registerEventTimeTimer(t);
        }
        atTime.add(record);
        pending.put(t, atTime);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<T> out) throws Exception {
        List<T> atTime = pending.get(timestamp);
        if (atTime == null) {
            return;
        }
        atTime.sort(tieBreak);
        for (T record : atTime) {
            out.collect(record);
        }
        pending.remove(timestamp);
    }
}
