package io.tauflow.jobs;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The Flink MiniCluster the job integration tests run on. */
final class MiniClusters {

    private MiniClusters() {}

    /**
     * One task manager with two slots: the job at parallelism 1 or 2; its metrics go to {@link
     * CollectingReporter}.
     */
    static MiniClusterExtension twoSlots() {
        Configuration conf = new Configuration();
        conf.setString(
                "metrics.reporter.collect.factory.class",
                CollectingReporter.Factory.class.getName());
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setConfiguration(conf)
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(2)
                        .build());
    }
}
