package io.tauflow.tools.train;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A bounded Source V2 with no records: an input topic with nothing in it. It finishes at once, so
 * its watermark is the end of time and never holds back the other inputs (an empty Kafka partition
 * without idleness would).
 */
public final class EmptySource<T>
        implements Source<T, EmptySource.NoSplit, Void>, ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    private final TypeInformation<T> type;

    public EmptySource(TypeInformation<T> type) {
        this.type = type;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<T, NoSplit> createReader(SourceReaderContext context) {
        return new SourceReader<>() {
            @Override
            public void start() {}

            @Override
            public InputStatus pollNext(ReaderOutput<T> output) {
                return InputStatus.END_OF_INPUT;
            }

            @Override
            public List<NoSplit> snapshotState(long checkpointId) {
                return List.of();
            }

            @Override
            public CompletableFuture<Void> isAvailable() {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void addSplits(List<NoSplit> splits) {}

            @Override
            public void notifyNoMoreSplits() {}

            @Override
            public void close() {}
        };
    }

    @Override
    public SplitEnumerator<NoSplit, Void> createEnumerator(SplitEnumeratorContext<NoSplit> c) {
        return new SplitEnumerator<>() {
            @Override
            public void start() {}

            @Override
            public void handleSplitRequest(int subtask, String host) {}

            @Override
            public void addSplitsBack(List<NoSplit> splits, int subtask) {}

            @Override
            public void addReader(int subtask) {
                c.signalNoMoreSplits(subtask);
            }

            @Override
            public Void snapshotState(long checkpointId) {
                return null;
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public SplitEnumerator<NoSplit, Void> restoreEnumerator(
            SplitEnumeratorContext<NoSplit> c, Void checkpoint) {
        return createEnumerator(c);
    }

    @Override
    public SimpleVersionedSerializer<NoSplit> getSplitSerializer() {
        return new Nothing<>();
    }

    @Override
    public SimpleVersionedSerializer<Void> getEnumeratorCheckpointSerializer() {
        return new Nothing<>();
    }

    /** There are no splits. */
    public static final class NoSplit implements SourceSplit {
        @Override
        public String splitId() {
            return "none";
        }
    }

    private static final class Nothing<X> implements SimpleVersionedSerializer<X> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(X obj) {
            return new byte[0];
        }

        @Override
        public X deserialize(int version, byte[] serialized) {
            return null;
        }
    }
}
