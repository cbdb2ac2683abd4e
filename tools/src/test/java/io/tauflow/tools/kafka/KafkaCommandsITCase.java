package io.tauflow.tools.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.tools.cli.Tauflow;
import io.tauflow.tools.embedded.EmbeddedKafkaExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code topics create}, {@code load} and {@code read} against the in-process broker. */
class KafkaCommandsITCase {

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir Path dir;

    record Run(int status, List<String> out, String err) {}

    private static Run tauflow(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--tauflow.kafka.bootstrap-servers=" + KAFKA.broker().bootstrapServers());
        int status =
                Tauflow.execute(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        all.toArray(new String[0]));
        String text = out.toString(StandardCharsets.UTF_8);
        return new Run(
                status,
                text.isEmpty() ? List.of() : Arrays.asList(text.split("\n")),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void createsTheTopicsLoadsACsvAndReadsItBackDecoded() throws Exception {
        Run created = tauflow("topics", "create", "--partitions", "2", "--retention", "3d");
        assertThat(created.status()).as(created.err()).isZero();
        assertThat(created.out()).hasSize(9).allMatch(l -> l.contains("created: 2 partitions"));
        try (Admin admin =
                Admin.create(
                        new Properties() {
                            {
                                put("bootstrap.servers", KAFKA.broker().bootstrapServers());
                            }
                        })) {
            ConfigResource candles = new ConfigResource(ConfigResource.Type.TOPIC, "md.candles");
            Config c = admin.describeConfigs(List.of(candles)).all().get().get(candles);
            assertThat(c.get("message.timestamp.type").value()).isEqualTo("LogAppendTime");
            assertThat(c.get("retention.ms").value()).isEqualTo(Long.toString(3 * 86_400_000L));
            assertThat(admin.listTopics().names().get())
                    .contains("trade.orders", "risk.estimates", "dlq", "ctl.commands");
        }
        // again: nothing changes
        Run again = tauflow("topics", "create");
        assertThat(again.out()).allMatch(l -> l.contains("exists"));

        Path csv = dir.resolve("bars.csv");
        StringBuilder rows = new StringBuilder("symbol,open_time_ms,open,high,low,close,volume\n");
        for (int i = 0; i < 25; i++) {
            double p = 100 + i;
            rows.append(
                    String.format(
                            java.util.Locale.ROOT,
                            "%s,%d,%.1f,%.1f,%.1f,%.1f,10%n",
                            i % 2 == 0 ? "AAA" : "BBB",
                            1_700_000_000_000L + 60_000L * (i / 2),
                            p,
                            p + 1,
                            p - 1,
                            p + 0.5));
        }
        Files.writeString(csv, rows.toString());
        Run loaded = tauflow("load", "--input", csv.toString(), "--topic", "md.candles");
        assertThat(loaded.status()).as(loaded.err()).isZero();
        assertThat(loaded.out()).containsExactly("wrote 25 candles records to md.candles");

        Run json = tauflow("read", "--topic", "md.candles", "--from-beginning");
        assertThat(json.status()).as(json.err()).isZero();
        assertThat(json.out())
                .hasSize(25)
                .allMatch(l -> l.startsWith("{") && l.contains("\"symbol\""));
        assertThat(json.out())
                .anyMatch(l -> l.contains("\"AAA\""))
                .anyMatch(l -> l.contains("\"BBB\""));
        assertThat(json.err()).contains("25 records from md.candles");

        Run table =
                tauflow(
                        "read",
                        "--topic",
                        "md.candles",
                        "--from-beginning",
                        "--max",
                        "3",
                        "--format",
                        "table");
        assertThat(table.out()).hasSize(4);
        assertThat(table.out().get(0)).startsWith("venue\tsymbol\topenTimeMs\tintervalMs");
        assertThat(table.out().get(1).split("\t")).hasSize(table.out().get(0).split("\t").length);

        // an output topic reads the same way; still empty here
        Run orders = tauflow("read", "--topic", "trade.orders", "--from-beginning");
        assertThat(orders.status()).isZero();
        assertThat(orders.out()).isEmpty();
    }

    @Test
    void refusesWhatItCannotTell() throws Exception {
        Path csv = dir.resolve("x.csv");
        Files.writeString(csv, "symbol,open_time_ms,open,high,low,close,volume\n");
        Run other = tauflow("load", "--input", csv.toString(), "--topic", "elsewhere");
        assertThat(other.status()).isEqualTo(2);
        assertThat(other.err()).contains("give --kind");
        Run unknown = tauflow("read", "--topic", "elsewhere");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("is not one of the job's topics");
        Run retention = tauflow("topics", "create", "--retention", "soon");
        assertThat(retention.status()).isEqualTo(2);
        assertThat(retention.err()).contains("--retention");
    }
}
