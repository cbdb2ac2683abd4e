package io.tauflow.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tauflow.tools.cli.Tauflow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/tauflow demo}: the whole job over the bundled data, ending with its backtest. */
class DemoITCase {

    @TempDir Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return Tauflow.execute(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                args);
    }

    @Test
    void theDemoIsABacktestOfTheBundledData() throws Exception {
        Path runDir = dir.resolve("demo");
        assertThat(run("demo", "--run-dir", runDir.toString()))
                .as(err.toString(StandardCharsets.UTF_8))
                .isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("loaded 13,429 candles", "US_EQUITIES", "buy-and-hold", "sma-20-50")
                .contains("seed targets (ALL)", "dead letters: 0", "report: ");
        Path report = runDir.resolve("report");
        for (String f : new String[] {"trades.csv", "equity.csv", "summary.json", "report.html"}) {
            assertThat(report.resolve(f)).exists();
        }
        JsonNode summary = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
        // the agent's reward paid the ledger's cost of a fill for US equities: 0.5 + 0.5 bp
        assertThat(summary.at("/settings").toString())
                .contains("\"fee bps per side\":\"0.5\"")
                .contains("\"agent cost bps (reward)\":\"1\"");
        assertThat(summary.at("/total/trades").asInt())
                .isEqualTo(Files.readAllLines(report.resolve("trades.csv")).size() - 1)
                .isGreaterThan(10);
    }

    @Test
    void aRunDirectoryHoldingOtherFilesIsNotEmptied() throws Exception {
        Path runDir = Files.createDirectories(dir.resolve("mine"));
        Path precious = Files.writeString(runDir.resolve("notes.txt"), "keep me");
        assertThat(run("demo", "--run-dir", runDir.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("refusing to empty", "notes.txt", "--run-dir");
        assertThat(precious).exists();
    }
}
