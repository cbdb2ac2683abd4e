package io.tauflow.tools.cluster;

import java.io.IOException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code --rest} and {@code --run-dir} options of {@code submit} and {@code stop}: a cluster's
 * REST address, by default that of the local cluster of {@code cluster start}, else Flink's
 * default.
 */
public final class RestTarget {

    @Option(
            names = "--rest",
            paramLabel = "URL",
            description =
                    "The Flink cluster's REST address, e.g. http://flink-jobmanager:8081"
                            + " (default: the cluster of bin/tauflow cluster start in --run-dir,"
                            + " else http://127.0.0.1:8081).")
    String rest;

    @Mixin ClusterDir dir;

    FlinkRest client() throws IOException {
        if (rest != null) {
            return new FlinkRest(rest);
        }
        return new FlinkRest(
                dir.cluster(null)
                        .savedPorts()
                        .map(LocalCluster.Ports::restUrl)
                        .orElse("http://127.0.0.1:8081"));
    }
}
