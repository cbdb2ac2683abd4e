package io.tauflow.tools.cli;

import io.tauflow.jobs.JobSettings;
import io.tauflow.jobs.KafkaIO;
import io.tauflow.jobs.TradingJob;
import java.io.PrintStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code bin/tauflow run}: the trading job on a local MiniCluster against an existing Kafka. */
@Command(
        name = "run",
        header = "Run the job on a local MiniCluster against an existing Kafka.",
        mixinStandardHelpOptions = true,
        description = {
            "Run the trading job on a local Flink MiniCluster against an existing Kafka cluster"
                    + " (--tauflow.kafka.bootstrap-servers=HOST:PORT, required here or in"
                    + " config.yaml). Start from a savepoint or retained checkpoint with"
                    + " --execution.state-recovery.path=PATH.",
            "Checkpoints go to execution.checkpointing.dir (flink-conf/config.yaml:"
                    + " /tmp/tauflow/checkpoints/<job id>/chk-N); the last one stays when the run"
                    + " is stopped with Ctrl-C. To submit to a cluster instead: flink run"
                    + " $(bin/tauflow jar) (README.md)."
        })
final class RunCommand extends CliCommand {

    @Mixin ConfigMixin config;

    RunCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    public Integer call() throws Exception {
        Configuration conf = config.configuration();
        JobSettings settings = JobSettings.from(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        TradingJob.define(env, KafkaIO.inputs(settings), KafkaIO.outputs(settings), settings);
        env.execute("tauflow-trading");
        return 0;
    }
}
