package io.tauflow.tools.demo;

import io.tauflow.schema.SentimentScore;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Sentiment readings as the CSV {@code backtest --sentiment} reads ({@code SideInputCsv}): time,
 * symbol, an empty score, source and text, so that the job scores each text itself.
 */
public final class SentimentExport {

    private SentimentExport() {}

    /** Writes {@code readings} to {@code file}; returns how many. */
    public static int write(List<SentimentScore> readings, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter csv =
                        CSVFormat.DEFAULT
                                .builder()
                                .setRecordSeparator('\n')
                                .setHeader("open_time_ms", "symbol", "score", "source", "text")
                                .get()
                                .print(w)) {
            for (SentimentScore s : readings) {
                csv.printRecord(
                        s.getEventTimeMs(),
                        s.getSymbol(),
                        "",
                        "tweet",
                        s.getText() == null ? "" : s.getText().toString());
            }
        }
        return readings.size();
    }
}
