package io.tauflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.ingest.InboundEvent;
import io.tauflow.schema.Candle;
import io.tauflow.schema.DeadLetter;
import io.tauflow.schema.SentimentScore;
import io.tauflow.tools.demo.DemoData;
import io.tauflow.tools.demo.OutputWatcher;
import io.tauflow.tools.demo.TopicWriter;
import io.tauflow.tools.embedded.EmbeddedKafkaExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The exactly-once Kafka sink as the trading job builds it ({@link KafkaIO#sink}), fed by bounded
 * Kafka sources shaped like the job's: a large one (candles), a tiny one (sentiment) and an empty
 * one (control). They finish at very different times while a checkpoint is triggered every 50 ms,
 * so checkpoints are declined ("task is closing") as in the trading job's runs. Every input record
 * is echoed to the output topic: once the job has finished, the committed (read_committed) output
 * must hold each input record exactly once, and the input topics every record written to them.
 */
class ExactlyOnceSinkITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();
    static DemoData data;

    @BeforeAll
    static void start() throws Exception {
        data = DemoData.load();
    }

    @RepeatedTest(3)
    void everyInputRecordIsCommittedExactlyOnce(RepetitionInfo run) throws Exception {
        String prefix = "eos" + run.getCurrentRepetition();
        JobSettings s =
                JobSettings.from(
                        TradingJobITCase.boundedRun(KAFKA.broker().bootstrapServers(), prefix));
        KAFKA.broker()
                .createTopics(
                        2,
                        s.get(KafkaOptions.TOPIC_CANDLES),
                        s.get(KafkaOptions.TOPIC_SENTIMENT),
                        s.get(KafkaOptions.TOPIC_CONTROL),
                        s.get(KafkaOptions.TOPIC_DEAD_LETTERS));
        List<Candle> candles = data.candles();
        List<SentimentScore> sentiment = data.sentiment().subList(0, 29);
        try (TopicWriter w = new TopicWriter(KAFKA.broker().bootstrapServers())) {
            w.write(s.get(KafkaOptions.TOPIC_CANDLES), candles, Candle.class, Candle::getSymbol);
            w.write(
                    s.get(KafkaOptions.TOPIC_SENTIMENT),
                    sentiment,
                    SentimentScore.class,
                    SentimentScore::getSymbol);
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TradingJob.configure(env);
        env.setParallelism(2);
        env.enableCheckpointing(50);
        Inputs in = KafkaIO.inputs(s);
        DataStream<InboundEvent> candleStream =
                env.fromSource(in.candles(), WatermarkStrategy.noWatermarks(), "candles")
                        .uid(Uids.SOURCE_CANDLES);
        DataStream<InboundEvent> sentimentStream =
                env.fromSource(in.sentiment(), WatermarkStrategy.noWatermarks(), "sentiment")
                        .uid(Uids.SOURCE_SENTIMENT);
        DataStream<InboundEvent> controlStream =
                env.fromSource(in.control(), WatermarkStrategy.noWatermarks(), "control")
                        .uid(Uids.SOURCE_CONTROL);
        candleStream
                .union(sentimentStream, controlStream)
                .keyBy(InboundEvent::symbol)
                .map(ExactlyOnceSinkITCase::echo)
                .returns(DeadLetter.class)
                .uid("echo")
                .name("echo")
                .sinkTo(KafkaIO.deadLettersSink(s))
                .uid(Uids.SINK_DEAD_LETTERS)
                .name("echo sink");
        env.execute("exactly-once-sink-itcase");

        // The writer is not transactional: every input partition holds offsets 0 to its end.
        List<String> inputs =
                coordinates(
                        s.get(KafkaOptions.TOPIC_CANDLES),
                        s.get(KafkaOptions.TOPIC_SENTIMENT),
                        s.get(KafkaOptions.TOPIC_CONTROL));
        assertThat(inputs)
                .as("every record written reached the input topics")
                .hasSize(candles.size() + sentiment.size());
        List<String> out = new ArrayList<>();
        OutputWatcher.Listener listener =
                new OutputWatcher.Listener() {
                    @Override
                    public void onDeadLetter(DeadLetter d) {
                        out.add(d.getSourceTopic() + "/" + d.getPartition() + "/" + d.getOffset());
                    }
                };
        try (OutputWatcher w =
                new OutputWatcher(
                        KAFKA.broker().bootstrapServers(),
                        Map.of(
                                s.get(KafkaOptions.TOPIC_DEAD_LETTERS),
                                OutputWatcher.Kind.DEAD_LETTERS),
                        listener)) {
            w.drain();
        }
        assertThat(out)
                .as("input records echoed by the committed output")
                .containsExactlyInAnyOrderElementsOf(inputs);
    }

    /** topic/partition/offset of every record in the topics, from their end offsets. */
    private static List<String> coordinates(String... topics) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.broker().bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        List<String> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String t : topics) {
                for (PartitionInfo info : consumer.partitionsFor(t, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(t, info.partition()));
                }
            }
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
            for (Map.Entry<TopicPartition, Long> end : consumer.endOffsets(partitions).entrySet()) {
                TopicPartition tp = end.getKey();
                for (long o = beginning.get(tp); o < end.getValue(); o++) {
                    all.add(tp.topic() + "/" + tp.partition() + "/" + o);
                }
            }
        }
        return all;
    }

    private static DeadLetter echo(InboundEvent e) {
        return DeadLetter.newBuilder()
                .setSourceTopic(e.sourceTopic)
                .setPartition(e.partition)
                .setOffset(e.offset)
                .setKafkaTimestampMs(e.kafkaTimestampMs)
                .setReason(e.kind.name())
                .build();
    }
}
