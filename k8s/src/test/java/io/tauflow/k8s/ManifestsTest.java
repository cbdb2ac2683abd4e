package io.tauflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.tauflow.jobs.KafkaOptions;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;

/**
 * Every manifest of {@code k8s/} against the schema its project publishes on Maven Central, failing
 * on any field the schema does not have (a typo fails the build):
 *
 * <ul>
 *   <li>{@code FlinkDeployment}, {@code FlinkStateSnapshot}: the CRDs (OpenAPI v3 schemas) shipped
 *       in {@code flink-kubernetes-operator-api} 1.10.0, the newest release on Maven Central,
 *       validated with networknt's JSON Schema validator; every object schema that lists its
 *       properties and does not preserve unknown fields gets {@code additionalProperties: false},
 *       as the API server's pruning would drop such a field. That release's {@code flinkVersion}
 *       enum ends at {@code v1_20}: the manifests name {@code v2_2}, which operator releases that
 *       run Flink 2.2 accept, so the test adds {@code v2_0} to {@code v2_2} to that one enum and
 *       checks everything else as published.
 *   <li>{@code KafkaTopic}: Strimzi's API model ({@code io.strimzi:api}), whose classes keep
 *       unknown fields aside instead of failing: the test fails if any object read holds one.
 *   <li>{@code PodMonitor}: fabric8's model of the Prometheus Operator API, likewise.
 * </ul>
 *
 * The manifests' {@code ${NAME}} parameters are replaced from {@code params.env} first; every
 * parameter must be defined there and used somewhere.
 */
class ManifestsTest {

    private static final Path DIR = Paths.get("").toAbsolutePath();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern PARAM = Pattern.compile("\\$\\{([A-Z_]+)}");
    private static final List<String> FLINK_2 = List.of("v2_0", "v2_1", "v2_2");

    private static Map<String, String> params() throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DIR.resolve("params.env"))) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] kv = l.split("=", 2);
            p.put(kv[0], kv[1]);
        }
        return p;
    }

    private static List<Path> manifests() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.toString().endsWith(".yaml"))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /** The documents of a manifest file with its parameters replaced. */
    private static List<JsonNode> documents(Path file) throws IOException {
        Map<String, String> params = params();
        Matcher m = PARAM.matcher(Files.readString(file));
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            assertThat(params)
                    .as("%s uses ${%s}", file.getFileName(), m.group(1))
                    .containsKey(m.group(1));
            m.appendReplacement(text, Matcher.quoteReplacement(params.get(m.group(1))));
        }
        m.appendTail(text);
        List<JsonNode> docs = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(text.toString())) {
            Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode d = it.next();
                if (d != null && !d.isEmpty()) {
                    docs.add(d);
                }
            }
        }
        return docs;
    }

    @Test
    void everyParameterIsDefinedAndUsed() throws IOException {
        Set<String> used = new TreeSet<>();
        for (Path f : manifests()) {
            Matcher m = PARAM.matcher(Files.readString(f));
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        assertThat(used).isEqualTo(new TreeSet<>(params().keySet()));
    }

    @Test
    void everyManifestIsOfAKindThisTestValidates() throws IOException {
        Set<String> kinds = new TreeSet<>();
        for (Path f : manifests()) {
            for (JsonNode d : documents(f)) {
                kinds.add(d.path("apiVersion").asText() + "/" + d.path("kind").asText());
            }
        }
        assertThat(kinds)
                .containsExactly(
                        "flink.apache.org/v1beta1/FlinkDeployment",
                        "flink.apache.org/v1beta1/FlinkStateSnapshot",
                        "kafka.strimzi.io/v1beta2/KafkaTopic",
                        "monitoring.coreos.com/v1/PodMonitor");
    }

    @Test
    void theFlinkResourcesMatchTheOperatorsCrds() throws Exception {
        int checked = 0;
        for (Path f : manifests()) {
            for (JsonNode d : documents(f)) {
                String kind = d.path("kind").asText();
                String crd =
                        switch (kind) {
                            case "FlinkDeployment" -> "flinkdeployments.flink.apache.org-v1.yml";
                            case "FlinkStateSnapshot" ->
                                    "flinkstatesnapshots.flink.apache.org-v1.yml";
                            default -> null;
                        };
                if (crd == null) {
                    continue;
                }
                Set<ValidationMessage> errors =
                        schema(crd, d.path("apiVersion").asText()).validate(d);
                assertThat(errors)
                        .as("%s %s in %s", kind, d.at("/metadata/name").asText(), f.getFileName())
                        .isEmpty();
                checked++;
            }
        }
        assertThat(checked).isEqualTo(3);
    }

    @Test
    void theSchemaCatchesATypoAndAnUnknownFlinkVersion() throws Exception {
        JsonNode deployment = documents(DIR.resolve("flink-deployment.yaml")).get(0);
        JsonSchema schema =
                schema("flinkdeployments.flink.apache.org-v1.yml", "flink.apache.org/v1beta1");
        assertThat(schema.validate(deployment)).isEmpty();

        ObjectNode typo = deployment.deepCopy();
        ((ObjectNode) typo.path("spec").path("job")).put("upgradMode", "savepoint");
        assertThat(schema.validate(typo))
                .extracting(ValidationMessage::getMessage)
                .anyMatch(m -> m.contains("upgradMode"));

        ObjectNode version = deployment.deepCopy();
        ((ObjectNode) version.path("spec")).put("flinkVersion", "v2_9");
        assertThat(schema.validate(version)).isNotEmpty();

        ObjectNode container = deployment.deepCopy();
        ((ObjectNode) container.at("/spec/podTemplate/spec/containers/0"))
                .put("imagePullPolice", "Always");
        assertThat(schema.validate(container)).isNotEmpty();
    }

    @Test
    void theDeploymentRunsTheJobAsTheProductionConfigDoes() throws IOException {
        JsonNode d = documents(DIR.resolve("flink-deployment.yaml")).get(0);
        assertThat(d.at("/spec/flinkVersion").asText()).isEqualTo("v2_2");
        assertThat(d.at("/spec/job/upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(d.at("/spec/job/entryClass").asText()).isEqualTo("io.tauflow.jobs.TradingJob");
        JsonNode conf = d.at("/spec/flinkConfiguration");
        assertThat(conf.path("pipeline.max-parallelism").asText()).isEqualTo("128");
        assertThat(conf.path("state.backend.type").asText()).isEqualTo("rocksdb");
        assertThat(conf.path("execution.checkpointing.incremental").asText()).isEqualTo("true");
        assertThat(conf.path("high-availability.type").asText()).isEqualTo("kubernetes");
        assertThat(conf.path("execution.checkpointing.dir").asText()).startsWith("s3://");
        assertThat(conf.path("execution.checkpointing.savepoint-dir").asText()).startsWith("s3://");
        // secrets are referenced, never inlined: every env value comes from a Secret
        for (JsonNode env : d.at("/spec/podTemplate/spec/containers/0/env")) {
            assertThat(env.has("value")).as(env.toString()).isFalse();
            assertThat(env.at("/valueFrom/secretKeyRef/name").asText()).isNotEmpty();
        }
        String text = Files.readString(DIR.resolve("flink-deployment.yaml")).toLowerCase();
        assertThat(text).doesNotContain("password:", "sasl.jaas.config");
    }

    @Test
    void everyTopicOfTheJobIsAKafkaTopicAsStrimziModelsIt() throws Exception {
        ObjectMapper strict =
                new ObjectMapper(new YAMLFactory())
                        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        Set<String> topics = new TreeSet<>();
        for (JsonNode d : documents(DIR.resolve("kafka-topics.yaml"))) {
            KafkaTopic t = strict.treeToValue(d, KafkaTopic.class);
            assertThat(unknownFields(t)).as(d.toString()).isEmpty();
            assertThat(t.getMetadata().getLabels()).containsKey("strimzi.io/cluster");
            assertThat(t.getSpec().getConfig())
                    .containsEntry("message.timestamp.type", "LogAppendTime")
                    .containsKey("retention.ms");
            topics.add(t.getSpec().getTopicName());
        }
        assertThat(topics).isEqualTo(jobTopics());

        // a typo is caught
        ObjectNode typo = documents(DIR.resolve("kafka-topics.yaml")).get(0).deepCopy();
        ((ObjectNode) typo.path("spec")).put("partiton", 3);
        assertThat(unknownFields(strict.treeToValue(typo, KafkaTopic.class)))
                .containsExactly("partiton");
    }

    @Test
    void thePodMonitorScrapesThePortTheDeploymentNames() throws Exception {
        ObjectMapper strict = new ObjectMapper(new YAMLFactory());
        JsonNode d = documents(DIR.resolve("pod-monitor.yaml")).get(0);
        PodMonitor m = strict.treeToValue(d, PodMonitor.class);
        assertThat(unknownFields(m)).isEmpty();
        assertThat(m.getSpec().getPodMetricsEndpoints())
                .extracting(e -> e.getPort())
                .containsExactly("metrics");
        JsonNode deployment = documents(DIR.resolve("flink-deployment.yaml")).get(0);
        assertThat(deployment.at("/spec/podTemplate/spec/containers/0/ports/0/name").asText())
                .isEqualTo("metrics");
        assertThat(
                        deployment
                                .at("/spec/podTemplate/spec/containers/0/ports/0/containerPort")
                                .asText())
                .isEqualTo(
                        deployment
                                .at("/spec/flinkConfiguration")
                                .path("metrics.reporter.prom.port")
                                .asText());
        assertThat(m.getSpec().getSelector().getMatchLabels())
                .isEqualTo(
                        Map.of(
                                "app.kubernetes.io/name",
                                deployment
                                        .at("/spec/podTemplate/metadata/labels")
                                        .path("app.kubernetes.io/name")
                                        .asText()));
    }

    /** The default names of the job's tauflow.topic.* options. */
    private static Set<String> jobTopics() throws IllegalAccessException {
        Set<String> names = new TreeSet<>();
        for (Field f : KafkaOptions.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())
                    && f.get(null) instanceof ConfigOption<?> o
                    && o.key().startsWith("tauflow.topic.")) {
                names.add(String.valueOf(o.defaultValue()));
            }
        }
        assertThat(names).hasSize(9);
        return names;
    }

    /**
     * The names of the fields that a Strimzi or fabric8 model object (or any it holds) kept aside
     * because its class has no such field.
     */
    static List<String> unknownFields(Object root) throws Exception {
        List<String> unknown = new ArrayList<>();
        walk(root, unknown, new IdentityHashMap<>());
        return unknown;
    }

    private static void walk(Object o, List<String> unknown, Map<Object, Boolean> seen)
            throws Exception {
        if (o == null || seen.put(o, true) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            for (Object e : c) {
                walk(e, unknown, seen);
            }
            return;
        }
        String pkg = o.getClass().getPackageName();
        if (!pkg.startsWith("io.strimzi.") && !pkg.startsWith("io.fabric8.")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0
                    || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object v = m.invoke(o);
            if (m.getName().equals("getAdditionalProperties") && v instanceof Map<?, ?> extra) {
                extra.keySet().forEach(k -> unknown.add(String.valueOf(k)));
            } else if (v instanceof Map<?, ?> map) {
                for (Object e : map.values()) {
                    walk(e, unknown, seen);
                }
            } else {
                walk(v, unknown, seen);
            }
        }
    }

    /**
     * The CRD's schema of {@code apiVersion} as a JSON Schema that refuses unknown fields; the root
     * also allows apiVersion, kind and metadata, which the API server checks itself.
     */
    private static JsonSchema schema(String crdFile, String apiVersion) throws IOException {
        JsonNode crd;
        try (InputStream in =
                ManifestsTest.class
                        .getClassLoader()
                        .getResourceAsStream("META-INF/fabric8/" + crdFile)) {
            assertThat(in).as("%s in flink-kubernetes-operator-api", crdFile).isNotNull();
            crd = YAML.readTree(in);
        }
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        JsonNode schema = null;
        for (JsonNode v : crd.at("/spec/versions")) {
            if (v.path("name").asText().equals(version)) {
                schema = v.at("/schema/openAPIV3Schema").deepCopy();
            }
        }
        assertThat(schema).as("version %s in %s", version, crdFile).isNotNull();
        strict(schema);
        ObjectNode props = (ObjectNode) schema.path("properties");
        JsonNodeFactory json = JsonNodeFactory.instance;
        props.putObject("apiVersion").put("type", "string").putArray("enum").add(apiVersion);
        props.putObject("kind")
                .put("type", "string")
                .putArray("enum")
                .add(crd.at("/spec/names/kind").asText());
        ObjectNode meta =
                json.objectNode().put("type", "object").put("additionalProperties", false);
        ObjectNode metaProps = meta.putObject("properties");
        metaProps.putObject("name").put("type", "string");
        metaProps.putObject("namespace").put("type", "string");
        metaProps
                .putObject("labels")
                .put("type", "object")
                .putObject("additionalProperties")
                .put("type", "string");
        metaProps
                .putObject("annotations")
                .put("type", "object")
                .putObject("additionalProperties")
                .put("type", "string");
        props.set("metadata", meta);
        JsonNode flinkVersion = schema.at("/properties/spec/properties/flinkVersion/enum");
        if (flinkVersion instanceof ArrayNode e) {
            FLINK_2.forEach(e::add);
        }
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
    }

    /**
     * additionalProperties: false on every object schema that lists its properties and keeps no
     * unknown ones; Kubernetes' own keywords (x-kubernetes-*, nullable) and descriptions removed.
     */
    private static void strict(JsonNode node) {
        if (!(node instanceof ObjectNode o)) {
            return;
        }
        boolean preserve = o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        List<String> drop = new ArrayList<>();
        o.fieldNames()
                .forEachRemaining(
                        n -> {
                            if (n.startsWith("x-kubernetes-")
                                    || n.equals("nullable")
                                    || n.equals("description")) {
                                drop.add(n);
                            }
                        });
        drop.forEach(o::remove);
        if (o.has("properties")) {
            o.path("properties").elements().forEachRemaining(ManifestsTest::strict);
            if (!o.has("additionalProperties") && !preserve) {
                o.put("additionalProperties", false);
            }
        }
        strict(o.get("items"));
        strict(o.get("additionalProperties"));
        for (String combined : List.of("anyOf", "allOf", "oneOf")) {
            if (o.get(combined) instanceof ArrayNode a) {
                a.forEach(ManifestsTest::strict);
            }
        }
    }
}
