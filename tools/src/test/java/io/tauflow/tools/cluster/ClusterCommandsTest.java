package io.tauflow.tools.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.tools.cli.Tauflow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster commands' errors before anything starts (ClusterE2EITCase runs them for real). */
class ClusterCommandsTest {

    @TempDir Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Tauflow.execute(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void stopNeedsTheSavepointOption() {
        assertThat(run("stop")).isEqualTo(2);
        assertThat(err()).contains("--savepoint");
    }

    @Test
    void submitAndStopSayWhenNoClusterAnswers() throws Exception {
        String nowhere = "--rest=http://127.0.0.1:" + 1;
        assertThat(run("stop", "--savepoint", nowhere)).isEqualTo(1);
        assertThat(err()).contains("no Flink cluster answers at http://127.0.0.1:1");
        err.reset();
        Path jar = java.nio.file.Files.createFile(dir.resolve("job.jar"));
        assertThat(
                        run(
                                "submit",
                                nowhere,
                                "--jar=" + jar,
                                "--tauflow.kafka.bootstrap-servers=127.0.0.1:9092"))
                .isEqualTo(1);
        assertThat(err()).contains("no Flink cluster answers at http://127.0.0.1:1");
    }

    @Test
    void submitChecksTheJobsOptionsFirst() {
        assertThat(
                        run(
                                "submit",
                                "--rest=http://127.0.0.1:1",
                                "--tauflow.risk.max-order-notional=-5"))
                .isEqualTo(2);
        assertThat(err()).contains("tauflow.risk", "max order notional must be > 0");
    }

    @Test
    void statusOfADirectoryWithoutAClusterSaysSo() {
        assertThat(run("cluster", "status", "--run-dir=" + dir)).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("no cluster was started in");
        assertThat(run("cluster", "stop", "--run-dir=" + dir)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("nothing was running");
    }

    @Test
    void theFlinkProcessesAreBoundTo127001Only() {
        LocalCluster c = new LocalCluster(dir, dir.resolve("run"), dir.resolve("conf"));
        List<String> settings = c.flinkSettings(new LocalCluster.Ports(1, 2, 3, 4));
        assertThat(settings)
                .contains(
                        "-Djobmanager.bind-host=127.0.0.1",
                        "-Drest.bind-address=127.0.0.1",
                        "-Dtaskmanager.bind-host=127.0.0.1",
                        "-Drest.port=3",
                        "-Djobmanager.rpc.port=4");
        assertThat(settings).filteredOn(s -> s.contains("0.0.0.0")).isEmpty();
    }
}
