package io.tauflow.tools.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few calls of Flink's REST API the cluster commands need (documented in Flink's "REST API"
 * page): cluster overview, jobs, stop-with-savepoint and its status, checkpoint counts and operator
 * metrics. JSON by Jackson, HTTP by the JDK's client.
 */
public final class FlinkRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param base e.g. {@code http://127.0.0.1:8081}
     */
    public FlinkRest(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public String base() {
        return base;
    }

    /** {@code GET /overview}, or empty if nothing answers. */
    public Optional<JsonNode> overview() {
        try {
            return Optional.of(get("/overview"));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** A job of {@code GET /jobs/overview}. */
    public record Job(String id, String name, String state) {}

    public List<Job> jobs() throws IOException, InterruptedException {
        List<Job> out = new ArrayList<>();
        for (JsonNode j : get("/jobs/overview").path("jobs")) {
            out.add(
                    new Job(
                            j.path("jid").asText(),
                            j.path("name").asText(),
                            j.path("state").asText()));
        }
        return out;
    }

    public String jobState(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** Completed checkpoints of the job so far. */
    public int completedCheckpoints(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asInt();
    }

    /**
     * Stops the job with a savepoint ({@code POST /jobs/:id/stop}) and waits for it.
     *
     * @param targetDirectory where the savepoint goes, or null for the cluster's configured
     *     savepoint directory
     * @return the savepoint's path
     */
    public String stopWithSavepoint(
            String jobId, String targetDirectory, boolean drain, Duration timeout)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        if (targetDirectory != null) {
            body.put("targetDirectory", targetDirectory);
        }
        body.put("drain", drain);
        body.put("formatType", "CANONICAL");
        String trigger = post("/jobs/" + jobId + "/stop", body).path("request-id").asText();
        if (trigger.isEmpty()) {
            throw new IOException("the JobManager gave no request id for the stop of " + jobId);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode op = status.path("operation");
                if (op.hasNonNull("location")) {
                    return op.path("location").asText();
                }
                throw new IOException(
                        "stop with savepoint of "
                                + jobId
                                + " failed: "
                                + firstLine(
                                        op.path("failure-cause")
                                                .path("stack-trace")
                                                .asText(op.toString())));
            }
            Thread.sleep(250);
        }
        throw new IOException(
                "the savepoint of "
                        + jobId
                        + " did not complete within "
                        + timeout.toSeconds()
                        + " s");
    }

    /**
     * The values of every metric of the job's operators whose name contains {@code part}, summed
     * over subtasks ({@code GET /jobs/:id/vertices/:vid/subtasks/metrics?get=...&agg=sum}).
     */
    public List<String> metricNames(String jobId, String part)
            throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        for (JsonNode v : get("/jobs/" + jobId).path("vertices")) {
            for (JsonNode m :
                    get(
                            "/jobs/"
                                    + jobId
                                    + "/vertices/"
                                    + v.path("id").asText()
                                    + "/subtasks/metrics")) {
                String id = m.path("id").asText();
                if (id.contains(part)) {
                    names.add(id);
                }
            }
        }
        return names;
    }

    /** The sum over subtasks of one operator metric, from whichever vertex has it. */
    public Optional<Double> metricSum(String jobId, String metric)
            throws IOException, InterruptedException {
        for (JsonNode v : get("/jobs/" + jobId).path("vertices")) {
            JsonNode values =
                    get(
                            "/jobs/"
                                    + jobId
                                    + "/vertices/"
                                    + v.path("id").asText()
                                    + "/subtasks/metrics?get="
                                    + java.net.URLEncoder.encode(
                                            metric, java.nio.charset.StandardCharsets.UTF_8)
                                    + "&agg=sum");
            for (JsonNode m : values) {
                if (m.hasNonNull("sum")) {
                    return Optional.of(m.path("sum").asDouble());
                }
            }
        }
        return Optional.empty();
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(
                        request.timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            String errors = r.body();
            try {
                errors = JSON.readTree(r.body()).path("errors").toString();
            } catch (IOException e) {
                // not JSON: keep the body
            }
            throw new IOException(
                    r.request().method()
                            + " "
                            + r.request().uri()
                            + ": HTTP "
                            + r.statusCode()
                            + " "
                            + firstLine(errors));
        }
        return JSON.readTree(r.body());
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
