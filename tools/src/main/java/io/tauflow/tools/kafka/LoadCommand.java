package io.tauflow.tools.kafka;

import io.tauflow.jobs.JobSettings;
import io.tauflow.jobs.KafkaOptions;
import io.tauflow.schema.Candle;
import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.SentimentScore;
import io.tauflow.tools.cli.CliCommand;
import io.tauflow.tools.cli.ConfigMixin;
import io.tauflow.tools.demo.TopicWriter;
import io.tauflow.tools.demo.data.CandleCsv;
import io.tauflow.tools.demo.data.SideInputCsv;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecordBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bin/tauflow load}: a candle, sentiment or order-book CSV into an input topic as Avro. */
@Command(
        name = "load",
        header = "Load a CSV of candles, sentiment or order books into a topic as Avro.",
        mixinStandardHelpOptions = true,
        description = {
            "Reads the CSV (plain or .gz; the columns of docs/BACKTEST.md) and writes one Avro"
                    + " record per row to the topic, keyed by symbol, acknowledged by all"
                    + " replicas and idempotent. What the file holds follows from the topic"
                    + " (tauflow.topic.candles, sentiment, orderbook) or --kind.",
            "Prints progress and the number of records written."
        })
public final class LoadCommand extends CliCommand {

    /** What a file holds. */
    public enum Kind {
        CANDLES,
        SENTIMENT,
        ORDERBOOK
    }

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The CSV.")
    Path input;

    @Option(
            names = "--topic",
            required = true,
            paramLabel = "TOPIC",
            description = "The topic to write to.")
    String topic;

    @Option(
            names = "--kind",
            paramLabel = "KIND",
            description =
                    "CANDLES, SENTIMENT or ORDERBOOK; needed when the topic is not one of the job's"
                            + " input topics.")
    Kind kind;

    @Option(
            names = "--venue",
            paramLabel = "VENUE",
            defaultValue = "CSV",
            description = "Venue of candles whose file has none (default ${DEFAULT-VALUE}).")
    String venue;

    @Option(
            names = "--symbol",
            paramLabel = "SYMBOL",
            description = "Symbol of candles whose file has no symbol column.")
    String symbol;

    @Mixin ConfigMixin config;

    public LoadCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) {
            throw usage("Invalid value for option '--input': no such file: " + input);
        }
        JobSettings s = config.settings();
        Kind k = kind != null ? kind : kindOf(s, topic);
        int n =
                switch (k) {
                    case CANDLES ->
                            write(
                                    s,
                                    CandleCsv.readFile(input, venue, symbol, true),
                                    Candle.class,
                                    Candle::getSymbol);
                    case SENTIMENT ->
                            write(
                                    s,
                                    SideInputCsv.readSentiment(input),
                                    SentimentScore.class,
                                    SentimentScore::getSymbol);
                    case ORDERBOOK ->
                            write(
                                    s,
                                    SideInputCsv.readOrderBooks(input),
                                    OrderBookSnapshot.class,
                                    OrderBookSnapshot::getSymbol);
                };
        out.printf("wrote %,d %s records to %s%n", n, k.name().toLowerCase(), topic);
        return 0;
    }

    private Kind kindOf(JobSettings s, String t) {
        Class<?> type = Topics.all(s).get(t);
        if (type == Candle.class) {
            return Kind.CANDLES;
        }
        if (type == SentimentScore.class) {
            return Kind.SENTIMENT;
        }
        if (type == OrderBookSnapshot.class) {
            return Kind.ORDERBOOK;
        }
        throw usage(
                "topic "
                        + t
                        + " is not one of the job's candle, sentiment or order-book topics: give"
                        + " --kind");
    }

    /** Writes the records in tenths ({@link TopicWriter#write}), reporting each on stderr. */
    private <T extends SpecificRecordBase> int write(
            JobSettings s, List<T> records, Class<T> type, Function<T, String> key) {
        try (TopicWriter w =
                new TopicWriter(s.get(KafkaOptions.BOOTSTRAP_SERVERS), s.kafkaClientProperties())) {
            int step = Math.max(1, records.size() / 10);
            for (int from = 0; from < records.size(); from += step) {
                int to = Math.min(records.size(), from + step);
                w.write(topic, records.subList(from, to), type, key);
                if (to < records.size()) {
                    err.printf("  %,d of %,d%n", to, records.size());
                }
            }
        }
        return records.size();
    }
}
