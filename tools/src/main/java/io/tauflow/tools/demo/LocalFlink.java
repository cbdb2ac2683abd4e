package io.tauflow.tools.demo;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A local Flink MiniCluster environment for the demo and the benchmark: RocksDB state with
 * incremental checkpoints under the run directory, no web UI, 127.0.0.1 only.
 */
public final class LocalFlink {

    private LocalFlink() {}

    public static StreamExecutionEnvironment environment(
            Configuration base, Path runDir, int parallelism, Duration checkpointInterval) {
        Configuration c = new Configuration(base);
        c.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        c.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        c.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                runDir.resolve("checkpoints").toUri().toString());
        c.set(
                CheckpointingOptions.SAVEPOINT_DIRECTORY,
                runDir.resolve("savepoints").toUri().toString());
        c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        c.set(CoreOptions.TMP_DIRS, runDir.resolve("tmp").toString());
        c.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        c.set(RestOptions.ADDRESS, "127.0.0.1");
        c.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(parallelism, c);
        env.enableCheckpointing(checkpointInterval.toMillis());
        return env;
    }
}
