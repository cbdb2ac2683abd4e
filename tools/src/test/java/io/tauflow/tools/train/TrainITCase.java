package io.tauflow.tools.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.schema.Candle;
import io.tauflow.tools.cli.Tauflow;
import io.tauflow.tools.demo.data.CandleCsv;
import io.tauflow.tools.demo.data.DataResources;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/tauflow train} end to end on the embedded default over real bundled bars: the state
 * learnt in one pass is the start of the next, the first pass trades exactly as a backtest of the
 * same bars from nothing (a drained stop gives the decisions a bounded run gives), each pass and
 * the champion are savepoints, and {@code backtest --from-savepoint} restores the champion.
 */
class TrainITCase {

    @TempDir Path dir;

    private String cli(String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code =
                Tauflow.execute(
                        new PrintStream(stdout, true, StandardCharsets.UTF_8),
                        new PrintStream(stderr, true, StandardCharsets.UTF_8),
                        args);
        String out = stdout.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out + stderr.toString(StandardCharsets.UTF_8)).isZero();
        return out;
    }

    /** The bundled SPY bars of the first {@code days} trading days, or of the days after them. */
    private Path spy(String name, int from, int to) throws Exception {
        StringBuilder csv = new StringBuilder("symbol,open_time_ms,open,high,low,close,volume\n");
        List<Long> days = new ArrayList<>();
        for (Candle c : CandleCsv.readResource(DataResources.LEAN_US_EQUITY_1M, "LEAN")) {
            if (!c.getSymbol().equals("SPY")) {
                continue;
            }
            long day = c.getOpenTimeMs() / 86_400_000L;
            if (days.isEmpty() || days.get(days.size() - 1) != day) {
                days.add(day);
            }
            int index = days.size() - 1;
            if (index < from || index >= to) {
                continue;
            }
            csv.append(
                            String.join(
                                    ",",
                                    c.getSymbol(),
                                    Long.toString(c.getOpenTimeMs()),
                                    Double.toString(c.getOpen()),
                                    Double.toString(c.getHigh()),
                                    Double.toString(c.getLow()),
                                    Double.toString(c.getClose()),
                                    Double.toString(c.getVolume())))
                    .append('\n');
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    @Test
    void passesCarryTheAgentsAndTheChampionRestoresIntoABacktest() throws Exception {
        Path train = spy("train.csv", 0, 2);
        Path validate = spy("validate.csv", 2, 3);
        Path out = dir.resolve("train");
        // every BUY of the agent opens, so that the short history trades
        String option = "--tauflow.sizing.confidence-threshold=0.5";

        String printed =
                cli(
                        "train",
                        "--input",
                        train.toString(),
                        "--validate",
                        validate.toString(),
                        "--passes",
                        "2",
                        "--savepoint-dir",
                        out.toString(),
                        "--run-dir",
                        dir.resolve("work").toString(),
                        option);

        assertThat(printed).contains("pass 1 of 2", "pass 2 of 2", "champion: pass ");
        for (String p : List.of("pass-1/savepoint", "pass-2/savepoint", "champion")) {
            assertThat(out.resolve(p).resolve("_metadata")).as(p).isRegularFile();
        }
        for (String r : List.of("pass-1/train", "pass-2/validate")) {
            assertThat(out.resolve(r).resolve("report.html")).as(r).isRegularFile();
        }
        List<String> passes = Files.readAllLines(out.resolve("passes.csv"));
        assertThat(passes).hasSize(3);
        assertThat(passes.stream().filter(l -> l.endsWith(",true")).count()).isEqualTo(1);

        // pass 2 starts where pass 1 ended: the same warm bars again, so twice the steps
        long steps1 = steps(out.resolve("pass-1/savepoint"));
        long steps2 = steps(out.resolve("pass-2/savepoint"));
        assertThat(steps1).isGreaterThan(100);
        assertThat(steps2).isEqualTo(2 * steps1);

        // pass 1 is a backtest from nothing: a drained stop decides every bar as a bounded run
        cli(
                "backtest",
                "--input",
                train.toString(),
                "--out",
                dir.resolve("plain").toString(),
                "--run-dir",
                dir.resolve("work-plain").toString(),
                "--parallelism",
                "1",
                option);
        List<String> plainTrades = Files.readAllLines(dir.resolve("plain/trades.csv"));
        assertThat(plainTrades.size()).as("round trips of the plain backtest").isGreaterThan(1);
        assertThat(Files.readAllLines(out.resolve("pass-1/train/trades.csv")))
                .isEqualTo(plainTrades);

        // the champion, frozen, out of sample: restored, so it trades unlike an empty table
        String restored =
                cli(
                        "backtest",
                        "--from-savepoint",
                        out.resolve("champion").toString(),
                        "--input",
                        validate.toString(),
                        "--out",
                        dir.resolve("champion-bt").toString(),
                        "--run-dir",
                        dir.resolve("work-champion").toString(),
                        "--tauflow.agent.learning=FROZEN",
                        option);
        assertThat(restored).contains("agents restored from");
        cli(
                "backtest",
                "--input",
                validate.toString(),
                "--out",
                dir.resolve("empty-bt").toString(),
                "--run-dir",
                dir.resolve("work-empty").toString(),
                "--tauflow.agent.learning=FROZEN",
                option);
        assertThat(Files.readAllLines(dir.resolve("champion-bt/trades.csv")))
                .isNotEqualTo(Files.readAllLines(dir.resolve("empty-bt/trades.csv")));
    }

    private long steps(Path savepoint) throws Exception {
        List<AgentCarryOver.Carried> agents =
                AgentCarryOver.carryOver(
                        savepoint.toUri().toString(), dir.resolve("carried-" + System.nanoTime()));
        assertThat(agents).hasSize(1);
        assertThat(agents.get(0).symbol).isEqualTo("SPY");
        assertThat(agents.get(0).tableStates).isNotEmpty();
        return agents.get(0).steps();
    }
}
