package io.tauflow.benchmarks;

import io.tauflow.agent.AgentState;
import io.tauflow.agent.QAgent;
import io.tauflow.agent.SymbolState;
import io.tauflow.features.FeatureCalculator;
import io.tauflow.features.FeatureState;
import io.tauflow.features.FeatureVector;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every RocksDB read and write of the per-candle state costs besides the store itself: one
 * serialize and one deserialize of a symbol's state value with the serializer Flink creates for it
 * (the POJO serializer), on a state that has played {@value #BARS} real SPY bars (the tape looped),
 * so that the agent is in its mastery phase, where it spends all but its first 3,000 steps with
 * default settings. No state backend.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class StateCodecBenchmark {

    static final int BARS = 4_000;

    private TypeSerializer<FeatureState> featureSerializer;
    private TypeSerializer<AgentState> agentSerializer;
    private TypeSerializer<SymbolState> symbolSerializer;
    private SymbolState symbol;
    private FeatureState features;
    private AgentState agent;
    private final DataOutputSerializer out = new DataOutputSerializer(4096);
    private final DataInputDeserializer in = new DataInputDeserializer();

    @Setup(Level.Trial)
    public void open() throws Exception {
        featureSerializer =
                TypeInformation.of(FeatureState.class).createSerializer(new SerializerConfigImpl());
        agentSerializer =
                TypeInformation.of(AgentState.class).createSerializer(new SerializerConfigImpl());
        symbolSerializer =
                TypeInformation.of(SymbolState.class).createSerializer(new SerializerConfigImpl());
        CandleTape tape = BenchSetup.leanCandles();
        FeatureCalculator calculator = BenchSetup.featureCalculator();
        QAgent q = BenchSetup.agent(BenchSetup.SMALL);
        features = new FeatureState();
        agent = new AgentState();
        HeapQTable table = new HeapQTable();
        int played = 0;
        while (played < BARS) {
            int i = tape.advance();
            if (tape.candle(i).getSymbol().equals("SPY")) {
                FeatureVector v = calculator.onCandle(features, tape.candle(i));
                q.step(agent, v, table);
                played++;
            }
        }
        symbol = new SymbolState();
        symbol.features = features;
        symbol.agent = agent;
    }

    /** The value the agent operator reads and writes per candle: both of the below. */
    @Benchmark
    public SymbolState symbolStateRoundTrip() throws IOException {
        return roundTrip(symbolSerializer, symbol);
    }

    @Benchmark
    public FeatureState featureStateRoundTrip() throws IOException {
        return roundTrip(featureSerializer, features);
    }

    @Benchmark
    public AgentState agentStateRoundTrip() throws IOException {
        return roundTrip(agentSerializer, agent);
    }

    private <T> T roundTrip(TypeSerializer<T> serializer, T value) throws IOException {
        out.clear();
        serializer.serialize(value, out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return serializer.deserialize(in);
    }
}
