package io.tauflow.tools.cluster;

import java.nio.file.Path;
import java.nio.file.Paths;
import picocli.CommandLine.Option;

/**
 * The {@code --run-dir} option of the cluster commands and of {@code submit} / {@code stop}: the
 * directory of the local cluster of {@code cluster start}.
 */
public final class ClusterDir {

    @Option(
            names = "--run-dir",
            paramLabel = "DIR",
            defaultValue = "${sys:tauflow.home:-.}/run/cluster",
            description =
                    "The local cluster's directory: logs, pids, broker data, checkpoints,"
                            + " savepoints and its ports (default ${DEFAULT-VALUE}).")
    Path runDir;

    /** The cluster of that directory, reading config.yaml of {@code confDir} (or flink-conf/). */
    LocalCluster cluster(Path confDir) {
        Path home = Paths.get(System.getProperty("tauflow.home", "."));
        return new LocalCluster(
                home, runDir, confDir == null ? home.resolve("flink-conf") : confDir);
    }
}
