package io.baas.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.config.BaasConfig;
import io.baas.error.DomainException;
import io.baas.error.ErrorKind;
import io.baas.error.FieldError;
import io.baas.fabric.configtx.GoDurations;
import io.fabric8.kubernetes.api.model.HasMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A node's metrics over time, from the Prometheus that scrapes it (KubeSphere's, through the
 * ServiceMonitor of the consortium namespace): one of Fabric's metrics, over a range, a point per
 * step. Only the metrics a node exposes may be asked for, and the query is built here (never
 * written by the caller), restricted to the node's own Service in its namespace.
 */
@ApplicationScoped
public class NodeMetricsHistory {

    /** What may be asked for: Fabric's metrics that the dashboards and alerts read (helm/ks-baas/files/metrics-contract.txt). */
    public static final Set<String> METRICS = Set.of("ledger_blockchain_height", "ledger_transaction_count", "ledger_block_processing_time",
            "endorser_proposals_received", "endorser_successful_proposals", "endorser_proposal_validation_failures",
            "endorser_proposal_duration", "endorser_endorsement_failures", "broadcast_processed_count", "broadcast_validate_duration",
            "consensus_etcdraft_is_leader", "consensus_etcdraft_leader_changes", "consensus_etcdraft_cluster_size",
            "consensus_etcdraft_committed_block_number", "up");
    /** Counters: asked as a per-second rate, since their raw value only grows. */
    private static final Set<String> COUNTERS = Set.of("ledger_transaction_count", "endorser_proposals_received",
            "endorser_successful_proposals", "endorser_proposal_validation_failures", "endorser_endorsement_failures",
            "broadcast_processed_count", "consensus_etcdraft_leader_changes");
    private static final Duration MAX_RANGE = Duration.ofDays(7);
    private static final Duration MIN_STEP = Duration.ofSeconds(15);
    /** Prometheus refuses more points than this per series. */
    private static final long MAX_POINTS = 11_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One series: its labels and its points. */
    public record Series(Map<String, String> labels, List<Point> points) {
    }

    public record Point(Instant time, double value) {
    }

    /** The answer: what was asked, how it was asked of Prometheus, and the series. */
    public record History(String metric, String query, Instant start, Instant end, Duration step, List<Series> series) {
    }

    private final Optional<URI> prometheus;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    private final Clock clock = Clock.systemUTC();

    @jakarta.inject.Inject
    NodeMetricsHistory(BaasConfig config) {
        this(config.monitoring().prometheusUrl());
    }

    NodeMetricsHistory(Optional<URI> prometheus) {
        // Resolved against as a directory: a URL without a trailing slash would lose its last segment.
        this.prometheus = prometheus.map(uri -> uri.toString().endsWith("/") ? uri : URI.create(uri + "/"));
    }

    /** 503 when no Prometheus is configured; 400 for what cannot be asked; 502 when Prometheus does not answer. */
    public History of(HasMetadata node, String metric, String range, String step) {
        URI base = prometheus.orElseThrow(() -> new DomainException(ErrorKind.UNAVAILABLE, "MonitoringNotConfigured",
                "No Prometheus is configured (baas.monitoring.prometheus-url): metrics over time come from the Prometheus that scrapes the nodes."));
        if (metric == null || !METRICS.contains(metric)) {
            throw DomainException.invalid("The metric cannot be asked for.", List.of(new FieldError("metric",
                    "must be one of " + String.join(", ", METRICS.stream().sorted().toList()))));
        }
        Duration span = duration("range", range, Duration.ofHours(1), MIN_STEP, MAX_RANGE);
        Duration every = duration("step", step, Duration.ofMinutes(1), MIN_STEP, Duration.ofHours(1));
        if (span.toSeconds() / every.toSeconds() > MAX_POINTS) {
            throw DomainException.invalid("Too many points for one series.", List.of(new FieldError("step",
                    "must give at most " + MAX_POINTS + " points over the range")));
        }
        String selector = metric + "{namespace=\"" + node.getMetadata().getNamespace() + "\",service=\"" + node.getMetadata().getName() + "\"}";
        // A counter only grows: its rate over a few steps is what a chart shows.
        String query = COUNTERS.contains(metric) ? "rate(" + selector + "[" + Math.max(4 * every.toSeconds(), 60) + "s])" : selector;
        Instant end = clock.instant();
        Instant start = end.minus(span);
        return new History(metric, query, start, end, every, series(base, query, start, end, every));
    }

    private List<Series> series(URI base, String query, Instant start, Instant end, Duration step) {
        String form = "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&start=" + start.getEpochSecond() + "&end="
                + end.getEpochSecond() + "&step=" + step.toSeconds();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("api/v1/query_range")).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build();
        JsonNode answer;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            answer = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !"success".equals(answer.path("status").asText())) {
                throw unavailable("Prometheus refused the query: " + answer.path("error").asText("HTTP " + response.statusCode()));
            }
        } catch (IOException e) {
            throw unavailable("Prometheus at " + base + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("Interrupted while asking Prometheus.");
        }
        List<Series> series = new ArrayList<>();
        for (JsonNode result : answer.path("data").path("result")) {
            Map<String, String> labels = new LinkedHashMap<>();
            result.path("metric").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
            List<Point> points = new ArrayList<>();
            for (JsonNode value : result.path("values")) {
                points.add(new Point(Instant.ofEpochMilli(Math.round(value.get(0).asDouble() * 1000)), Double.parseDouble(value.get(1).asText())));
            }
            series.add(new Series(labels, points));
        }
        return series;
    }

    private static DomainException unavailable(String message) {
        return new DomainException(ErrorKind.DEPENDENCY_FAILED, "MonitoringUnavailable", message);
    }

    private static Duration duration(String name, String text, Duration absent, Duration min, Duration max) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        Duration parsed;
        try {
            parsed = GoDurations.parse(text.trim());
        } catch (RuntimeException e) {
            parsed = null;
        }
        if (parsed == null || parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0 || parsed.toMillis() % 1000 != 0) {
            throw DomainException.invalid("The query parameter " + name + " is invalid.", List.of(new FieldError(name,
                    "must be a duration such as 1h, 90m or 30s (Go's units: h, m, s), from " + min.toSeconds() + "s to "
                            + max.toSeconds() + "s in whole seconds")));
        }
        return parsed;
    }
}
