package io.tauflow.benchmarks;

import io.tauflow.agent.AgentState;
import io.tauflow.agent.QAgent;
import io.tauflow.agent.QRow;
import io.tauflow.agent.SymbolState;
import io.tauflow.features.FeatureCalculator;
import io.tauflow.features.FeatureState;
import io.tauflow.features.FeatureVector;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Prints how many bytes Flink's serializers write for each per-candle state value after a symbol
 * has played a number of real bars (default 4,000 SPY bars, the tape looped, so the agent is in its
 * mastery phase): what every RocksDB read and write of the agent path (de)serializes. Backs the
 * state sizes quoted in docs/BENCHMARKS.md.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.tauflow.benchmarks.StateSizes [SYMBOL [BARS]]
 * </pre>
 */
public final class StateSizes {

    private StateSizes() {}

    public static void main(String[] args) throws Exception {
        String symbol = args.length > 0 ? args[0] : "SPY";
        int bars = args.length > 1 ? Integer.parseInt(args[1]) : StateCodecBenchmark.BARS;
        CandleTape tape = BenchSetup.leanCandles();
        FeatureCalculator features = BenchSetup.featureCalculator();
        QAgent agent = BenchSetup.agent(BenchSetup.SMALL);
        FeatureState fs = new FeatureState();
        AgentState as = new AgentState();
        HeapQTable table = new HeapQTable();
        int played = 0;
        for (int seen = 0; played < bars && seen < 100 * tape.size(); seen++) {
            int i = tape.advance();
            if (tape.candle(i).getSymbol().equals(symbol)) {
                FeatureVector v = features.onCandle(fs, tape.candle(i));
                agent.step(as, v, table);
                played++;
            }
        }
        if (played < bars) {
            throw new IllegalArgumentException("the tape has no bars of " + symbol);
        }
        System.out.printf(
                "%s after %d bars (the tape looped; small encoder, default settings)%n",
                symbol, played);
        print("SymbolState", SymbolState.class, symbolState(fs, as));
        print("FeatureState", FeatureState.class, fs);
        print("AgentState", AgentState.class, as);
        print("QRow", QRow.class, QRow.empty());
    }

    private static SymbolState symbolState(FeatureState features, AgentState agent) {
        SymbolState s = new SymbolState();
        s.features = features;
        s.agent = agent;
        return s;
    }

    private static <T> void print(String name, Class<T> type, T value) throws Exception {
        TypeSerializer<T> serializer =
                TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        System.out.printf("%-13s %,6d bytes%n", name, out.length());
    }
}
