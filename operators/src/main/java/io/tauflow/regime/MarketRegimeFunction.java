package io.tauflow.regime;

import io.tauflow.features.FeatureVector;
import io.tauflow.schema.Regime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by symbol: stamps each feature vector with the market-wide regime, the regime of the
 * reference symbol's latest bar at or before the vector's time, held in broadcast state.
 *
 * <p>Deterministic in replay whatever the parallelism: a vector is held until the watermark passes
 * its time, and the watermark of this operator is the minimum over both inputs, so by then every
 * reference bar up to that time has been broadcast. A reference bar older than {@code maxAgeMs}
 * does not count (the vector gets {@code marketRegime = null}, and the encoder falls back to the
 * symbol's own regime). Marks older than the watermark minus the max age are pruned as new marks
 * arrive.
 */
public class MarketRegimeFunction
        extends KeyedBroadcastProcessFunction<String, FeatureVector, RegimeMark, FeatureVector> {

    private static final long serialVersionUID = 1L;

    public static final MapStateDescriptor<Long, Regime> MARKET_REGIMES =
            new MapStateDescriptor<>(
                    "market-regimes", Types.LONG, TypeInformation.of(Regime.class));

    private final long maxAgeMs;

    private transient ListState<FeatureVector> pending;

    public MarketRegimeFunction(long maxAgeMs) {
        if (maxAgeMs <= 0) {
            throw new IllegalArgumentException("max age must be > 0 ms, got " + maxAgeMs);
        }
        this.maxAgeMs = maxAgeMs;
    }

    public static ListStateDescriptor<FeatureVector> pendingDescriptor() {
        return new ListStateDescriptor<>("pending-vectors", FeatureVector.class);
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getListState(pendingDescriptor());
    }

    @Override
    public void processElement(FeatureVector v, ReadOnlyContext ctx, Collector<FeatureVector> out)
            throws Exception {
        pending.add(v);
        ctx.timerService().registerEventTimeTimer(v.eventTimeMs);
    }

    @Override
    public void processBroadcastElement(RegimeMark m, Context ctx, Collector<FeatureVector> out)
            throws Exception {
        BroadcastState<Long, Regime> regimes = ctx.getBroadcastState(MARKET_REGIMES);
        regimes.put(m.timeMs, m.regime);
        prune(regimes, ctx.currentWatermark(), maxAgeMs);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FeatureVector> out)
            throws Exception {
        ReadOnlyBroadcastState<Long, Regime> regimes = ctx.getBroadcastState(MARKET_REGIMES);
        List<FeatureVector> keep = new ArrayList<>();
        for (FeatureVector v : pending.get()) {
            if (v.eventTimeMs <= timestamp) {
                v.marketRegime = regimeAt(regimes.immutableEntries(), v.eventTimeMs, maxAgeMs);
                out.collect(v);
            } else {
                keep.add(v);
            }
        }
        if (keep.isEmpty()) {
            pending.clear();
        } else {
            pending.update(keep);
        }
    }

    /**
     * The regime of the latest mark at or before {@code timeMs}, or null when there is none or it
     * is older than {@code maxAgeMs}.
     */
    public static Regime regimeAt(
            Iterable<Map.Entry<Long, Regime>> marks, long timeMs, long maxAgeMs) {
        long best = Long.MIN_VALUE;
        Regime regime = null;
        for (Map.Entry<Long, Regime> e : marks) {
            long t = e.getKey();
            if (t <= timeMs && t >= best) {
                best = t;
                regime = e.getValue();
            }
        }
        return regime != null && timeMs - best <= maxAgeMs ? regime : null;
    }

    /**
     * Drops marks that no pending or future vector can use: vectors still to fire have times after
     * the watermark, and a mark older than {@code maxAgeMs} before a vector does not count for it.
     * Every instance receives the same marks, and this keeps each one's copy small (about max age
     * divided by the bar interval).
     */
    static void prune(BroadcastState<Long, Regime> regimes, long watermark, long maxAgeMs)
            throws Exception {
        if (watermark == Long.MIN_VALUE) {
            return;
        }
        long oldestUseful = watermark - maxAgeMs;
        Iterator<Map.Entry<Long, Regime>> it = regimes.iterator();
        while (it.hasNext()) {
            if (it.next().getKey() < oldestUseful) {
                it.remove();
            }
        }
    }
}
