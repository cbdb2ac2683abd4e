package io.tauflow.tools.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.tools.cli.Tauflow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job and the Kafka commands against a broker that takes only authenticated clients: a mutual
 * TLS listener (client certificate required) and a SASL_SSL listener with SCRAM-SHA-512, with a CA
 * and certificates made by the JDK's keytool for this test. The clients get their settings from
 * {@code tauflow.kafka.client-properties}; the SCRAM password comes from a file through Kafka's
 * config provider; no secret appears in any command's output.
 */
class KafkaSecurityITCase {

    private static final String STORE_PASSWORD = "store-Secret-4711";
    private static final String SCRAM_PASSWORD = "scram-Secret-0815";

    @TempDir Path dir;

    record Run(int status, String out, String err) {}

    private final List<Run> runs = new ArrayList<>();

    private Run tauflow(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                Tauflow.execute(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        args);
        Run r =
                new Run(
                        status,
                        out.toString(StandardCharsets.UTF_8),
                        err.toString(StandardCharsets.UTF_8));
        runs.add(r);
        return r;
    }

    private Run ok(String... args) {
        Run r = tauflow(args);
        assertThat(r.status()).as("%s\n%s\n%s", String.join(" ", args), r.out(), r.err()).isZero();
        return r;
    }

    private void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(Arrays.asList(args));
        Process p =
                new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("keytool %s\n%s", String.join(" ", args), output).isZero();
    }

    /** A CA, and a key store per party holding its key with a certificate the CA signed. */
    private void certificates() throws Exception {
        String pw = STORE_PASSWORD;
        keytool(
                "-genkeypair",
                "-alias",
                "ca",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=tauflow-test-ca",
                "-ext",
                "bc:c",
                "-validity",
                "2",
                "-keystore",
                "ca.p12",
                "-storetype",
                "PKCS12",
                "-storepass",
                pw,
                "-keypass",
                pw);
        keytool(
                "-exportcert",
                "-alias",
                "ca",
                "-keystore",
                "ca.p12",
                "-storepass",
                pw,
                "-rfc",
                "-file",
                "ca.pem");
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "ca",
                "-file",
                "ca.pem",
                "-keystore",
                "truststore.p12",
                "-storetype",
                "PKCS12",
                "-storepass",
                pw);
        for (String party : List.of("broker", "client")) {
            keytool(
                    "-genkeypair",
                    "-alias",
                    party,
                    "-keyalg",
                    "RSA",
                    "-keysize",
                    "2048",
                    "-dname",
                    "CN=" + party,
                    "-validity",
                    "2",
                    "-keystore",
                    party + ".p12",
                    "-storetype",
                    "PKCS12",
                    "-storepass",
                    pw,
                    "-keypass",
                    pw);
            keytool(
                    "-certreq",
                    "-alias",
                    party,
                    "-keystore",
                    party + ".p12",
                    "-storepass",
                    pw,
                    "-file",
                    party + ".csr");
            keytool(
                    "-gencert",
                    "-alias",
                    "ca",
                    "-keystore",
                    "ca.p12",
                    "-storepass",
                    pw,
                    "-infile",
                    party + ".csr",
                    "-outfile",
                    party + ".pem",
                    "-rfc",
                    "-validity",
                    "2",
                    "-ext",
                    "SAN=ip:127.0.0.1,dns:localhost");
            keytool(
                    "-importcert",
                    "-noprompt",
                    "-alias",
                    "ca",
                    "-file",
                    "ca.pem",
                    "-keystore",
                    party + ".p12",
                    "-storepass",
                    pw);
            keytool(
                    "-importcert",
                    "-noprompt",
                    "-alias",
                    party,
                    "-file",
                    party + ".pem",
                    "-keystore",
                    party + ".p12",
                    "-storepass",
                    pw);
        }
    }

    private Path properties(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    private String store(String file) {
        return dir.resolve(file).toString();
    }

    @Test
    void theJobAndTheCommandsWorkOverMutualTlsAndScramWithoutShowingASecret() throws Exception {
        certificates();
        int mtls = EmbeddedKafka.freePort();
        int scram = EmbeddedKafka.freePort();
        Properties broker = new Properties();
        broker.put(EmbeddedKafka.EXTRA_LISTENERS, "MTLS:SSL:" + mtls + ",SCRAM:SASL_SSL:" + scram);
        for (String l : List.of("mtls", "scram")) {
            String prefix = "listener.name." + l + ".";
            broker.put(prefix + "ssl.keystore.location", store("broker.p12"));
            broker.put(prefix + "ssl.keystore.password", STORE_PASSWORD);
            broker.put(prefix + "ssl.key.password", STORE_PASSWORD);
            broker.put(prefix + "ssl.keystore.type", "PKCS12");
            broker.put(prefix + "ssl.truststore.location", store("truststore.p12"));
            broker.put(prefix + "ssl.truststore.password", STORE_PASSWORD);
            broker.put(prefix + "ssl.truststore.type", "PKCS12");
        }
        broker.put("listener.name.mtls.ssl.client.auth", "required");
        broker.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        broker.put("listener.name.scram.sasl.enabled.mechanisms", "SCRAM-SHA-512");
        broker.put(
                "listener.name.scram.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), broker)) {
            Properties plain = new Properties();
            plain.put("bootstrap.servers", kafka.bootstrapServers());
            try (Admin admin = Admin.create(plain)) {
                admin.alterUserScramCredentials(
                                List.of(
                                        new UserScramCredentialUpsertion(
                                                "tauflow",
                                                new ScramCredentialInfo(
                                                        ScramMechanism.SCRAM_SHA_512, 4096),
                                                SCRAM_PASSWORD)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            String trust =
                    String.join(
                            "\n",
                            "ssl.truststore.location=" + store("truststore.p12"),
                            "ssl.truststore.password=" + STORE_PASSWORD,
                            "ssl.truststore.type=PKCS12");
            Path mtlsClient =
                    properties(
                            "mtls.properties",
                            "security.protocol=SSL",
                            trust,
                            "ssl.keystore.location=" + store("client.p12"),
                            "ssl.keystore.password=" + STORE_PASSWORD,
                            "ssl.key.password=" + STORE_PASSWORD,
                            "ssl.keystore.type=PKCS12");
            // the SCRAM password is not in the client file either: Kafka's file config provider
            // reads it where the client runs
            Path secret = properties("secret.properties", "password=" + SCRAM_PASSWORD);
            Path scramClient =
                    properties(
                            "scram.properties",
                            "security.protocol=SASL_SSL",
                            "sasl.mechanism=SCRAM-SHA-512",
                            "config.providers=file",
                            "config.providers.file.class="
                                    + "org.apache.kafka.common.config.provider.FileConfigProvider",
                            "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule"
                                    + " required username=\"tauflow\" password=\"${file:"
                                    + secret
                                    + ":password}\";",
                            trust);
            Path wrongPassword =
                    properties(
                            "wrong.properties",
                            "security.protocol=SASL_SSL",
                            "sasl.mechanism=SCRAM-SHA-512",
                            "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule"
                                    + " required username=\"tauflow\" password=\"not-it\";",
                            "default.api.timeout.ms=10000",
                            trust);
            Path noCertificate =
                    properties(
                            "nocert.properties",
                            "security.protocol=SSL",
                            "default.api.timeout.ms=10000",
                            "request.timeout.ms=5000",
                            trust);

            String overTls = "--tauflow.kafka.bootstrap-servers=127.0.0.1:" + mtls;
            String withCert = "--tauflow.kafka.client-properties=" + mtlsClient;
            assertThat(ok("topics", "create", "--partitions=2", overTls, withCert).out())
                    .contains("trade.orders", "created");
            Path candles = candles(3_000);
            ok("load", "--input=" + candles, "--topic=md.candles", overTls, withCert);
            // the whole job, its sources and exactly-once sinks, over mutual TLS
            ok(
                    "run",
                    overTls,
                    withCert,
                    "--tauflow.kafka.bounded=true",
                    "--tauflow.kafka.starting-offsets=EARLIEST",
                    "--tauflow.watermark.idleness=1s",
                    "-Dexecution.checkpointing.interval=1s");
            List<String> orders =
                    lines(
                            ok(
                                    "read",
                                    "--topic=trade.orders",
                                    "--from-beginning",
                                    overTls,
                                    withCert));
            assertThat(orders).isNotEmpty();

            // the same orders over SASL_SSL with SCRAM; the file may also be named by the
            // environment (TAUFLOW_KAFKA_CLIENT_PROPERTIES), which a test cannot set
            String overScram = "--tauflow.kafka.bootstrap-servers=127.0.0.1:" + scram;
            assertThat(
                            lines(
                                    ok(
                                            "read",
                                            "--topic=trade.orders",
                                            "--from-beginning",
                                            overScram,
                                            "--tauflow.kafka.client-properties=" + scramClient)))
                    .isEqualTo(orders);

            // refused: a wrong password, a client without a certificate
            Run refused =
                    tauflow(
                            "read",
                            "--topic=trade.orders",
                            "--from-beginning",
                            overScram,
                            "--tauflow.kafka.client-properties=" + wrongPassword);
            assertThat(refused.status()).isNotZero();
            assertThat(refused.err()).containsIgnoringCase("authentication");
            Run noCert =
                    tauflow(
                            "topics",
                            "create",
                            overTls,
                            "--tauflow.kafka.client-properties=" + noCertificate);
            assertThat(noCert.status()).isNotZero();

            // a file that sets what Tauflow sets itself is refused before anything starts
            Path reserved = properties("reserved.properties", "bootstrap.servers=elsewhere:9092");
            Run bad =
                    tauflow(
                            "topics",
                            "create",
                            overTls,
                            "--tauflow.kafka.client-properties=" + reserved);
            assertThat(bad.status()).isEqualTo(2);
            assertThat(bad.err()).contains("tauflow.kafka.client-properties", "bootstrap.servers");
        }
        for (Run r : runs) {
            assertThat(r.out() + r.err()).doesNotContain(STORE_PASSWORD, SCRAM_PASSWORD);
        }
    }

    private static List<String> lines(Run r) {
        List<String> out = new ArrayList<>();
        for (String l : r.out().split("\n")) {
            if (!l.isBlank()) {
                out.add(l);
            }
        }
        out.sort(null);
        return out;
    }

    /** The first {@code n} bundled candles as a CSV. */
    private Path candles(int n) throws IOException {
        String text;
        try (InputStream in =
                new GZIPInputStream(
                        KafkaSecurityITCase.class
                                .getClassLoader()
                                .getResourceAsStream(
                                        "data/lean_us_equity_1m_2013-10-04_2013-10-11.csv.gz"))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> lines = Arrays.asList(text.split("\n"));
        return Files.writeString(
                dir.resolve("candles.csv"),
                String.join("\n", lines.subList(0, Math.min(lines.size(), n + 1))) + "\n");
    }
}
