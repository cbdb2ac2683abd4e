package io.tauflow.benchmarks;

import io.tauflow.agent.AgentState;
import io.tauflow.agent.QAgent;
import io.tauflow.agent.QRow;
import io.tauflow.features.FeatureCalculator;
import io.tauflow.features.FeatureState;
import io.tauflow.features.FeatureVector;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Prints how many bytes Flink's serializers write for each per-candle state value after a symbol
 * has played a number of real bars (default 3,000 SPY bars): what every RocksDB read and write of
 * the agent path (de)serializes. Backs the state sizes quoted in docs/BENCHMARKS.md.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.tauflow.benchmarks.StateSizes [SYMBOL [BARS]]
 * </pre>
 */
public final class StateSizes {

    private StateSizes() {}

    public static void main(String[] args) throws Exception {
        String symbol = args.length > 0 ? args[0] : "SPY";
        int bars = args.length > 1 ? Integer.parseInt(args[1]) : 3_000;
        CandleTape tape = BenchSetup.leanCandles();
        FeatureCalculator features = BenchSetup.featureCalculator();
        QAgent agent = BenchSetup.agent(BenchSetup.SMALL);
        FeatureState fs = new FeatureState();
        AgentState as = new AgentState();
        HeapQTable table = new HeapQTable();
        int played = 0;
        for (int i = 0; i < tape.size() && played < bars; i++) {
            if (tape.candle(i).getSymbol().equals(symbol)) {
                FeatureVector v = features.onCandle(fs, tape.candle(i));
                agent.step(as, v, table);
                played++;
            }
        }
        System.out.printf("%s after %d bars (small encoder, default settings)%n", symbol, played);
        print("FeatureState", FeatureState.class, fs);
        print("AgentState", AgentState.class, as);
        print("QRow", QRow.class, QRow.empty());
    }

    private static <T> void print(String name, Class<T> type, T value) throws Exception {
        TypeSerializer<T> serializer =
                TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        System.out.printf("%-13s %,6d bytes%n", name, out.length());
    }
}
