package io.tauflow.tools.kafka;

import io.tauflow.jobs.JobSettings;
import io.tauflow.tools.cli.CliCommand;
import io.tauflow.tools.cli.ConfigMixin;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/tauflow topics create}: the job's nine topics with partitions, replication and a
 * retention counted from when the broker received a record (the records carry event times that may
 * be years old).
 */
@Command(
        name = "topics",
        header = "Create the job's Kafka topics.",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "create")
public final class TopicsCommand implements Runnable {

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code topics create}. */
    @Command(
            name = "create",
            header = "Create every input and output topic of the job.",
            mixinStandardHelpOptions = true,
            description = {
                "Creates the four input and five output topics under their configured names"
                        + " (tauflow.topic.*) on tauflow.kafka.bootstrap-servers. Existing topics"
                        + " are left as they are and listed as such.",
                "Retention counts from when the broker received a record"
                        + " (message.timestamp.type=LogAppendTime): the records carry event times,"
                        + " which for a backfill are years old and would be deleted at once under"
                        + " time-based retention (README.md, \"Topics and schemas\")."
            })
    public static final class Create extends CliCommand {

        @Option(
                names = "--partitions",
                paramLabel = "N",
                defaultValue = "4",
                description = "Partitions per topic, >= 1 (default ${DEFAULT-VALUE}).")
        int partitions;

        @Option(
                names = "--replication-factor",
                paramLabel = "R",
                defaultValue = "1",
                description =
                        "Replicas per partition, >= 1 (default ${DEFAULT-VALUE}: one broker;"
                                + " 3 in production).")
        int replication;

        @Option(
                names = "--retention",
                paramLabel = "DURATION",
                defaultValue = "7d",
                description =
                        "How long a record is kept after the broker received it, or 'forever'"
                                + " (default ${DEFAULT-VALUE}).")
        String retention;

        @Mixin ConfigMixin config;

        public Create(PrintStream out, PrintStream err) {
            super(out, err);
        }

        @Override
        public Integer call() throws Exception {
            atLeast("--partitions", partitions, 1);
            atLeast("--replication-factor", replication, 1);
            String retentionMs = retentionMs(retention);
            JobSettings s = config.settings();
            List<NewTopic> topics = new ArrayList<>();
            for (String name : Topics.all(s).keySet()) {
                topics.add(
                        new NewTopic(name, partitions, (short) replication)
                                .configs(
                                        Map.of(
                                                TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG,
                                                "LogAppendTime",
                                                TopicConfig.RETENTION_MS_CONFIG,
                                                retentionMs,
                                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                                TopicConfig.CLEANUP_POLICY_DELETE)));
            }
            try (Admin admin = Admin.create(Topics.client(s))) {
                Set<String> existing = admin.listTopics().names().get();
                List<NewTopic> missing =
                        topics.stream().filter(t -> !existing.contains(t.name())).toList();
                if (!missing.isEmpty()) {
                    try {
                        admin.createTopics(missing).all().get();
                    } catch (ExecutionException e) {
                        throw new IllegalStateException(
                                "could not create the topics: " + e.getCause().getMessage(),
                                e.getCause());
                    }
                }
                for (NewTopic t : topics) {
                    out.printf(
                            "%-20s %s%n",
                            t.name(),
                            existing.contains(t.name())
                                    ? "exists (left as it is)"
                                    : "created: "
                                            + partitions
                                            + " partitions, replication "
                                            + replication
                                            + ", retention "
                                            + retention
                                            + " from arrival");
                }
            }
            return 0;
        }

        private String retentionMs(String r) {
            return r.equalsIgnoreCase("forever")
                    ? "-1"
                    : Long.toString(positiveDuration("--retention", r).toMillis());
        }
    }
}
