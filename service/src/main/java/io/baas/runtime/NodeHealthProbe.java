package io.baas.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.crd.Organization;
import io.baas.fabric.tls.TlsMaterial;
import io.baas.pki.Pem;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * Asks nodes' operations endpoints how they are, as Prometheus would scrape them: {@code /healthz}
 * then {@code /metrics}. Over TLS the node's certificate is checked against its organization's
 * TLS CA. Each node gets {@link #TIMEOUT}; nodes are asked side by side, so an overview of a whole
 * consortium takes about as long as its slowest node.
 */
@ApplicationScoped
public class NodeHealthProbe {

    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NodeRuntime runtime;
    private final KubernetesClient client;
    private final Clock clock;
    private final HttpClient plain;
    private final Map<String, HttpClient> byTlsCa = new ConcurrentHashMap<>();
    private final ExecutorService askers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "baas-node-health");
        thread.setDaemon(true);
        return thread;
    });

    NodeHealthProbe(NodeRuntime runtime, KubernetesClient client) {
        this.runtime = runtime;
        this.client = client;
        this.clock = Clock.systemUTC();
        this.plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    /** Every node asked at once; each answer keyed by {@code key}. */
    public <T extends HasMetadata> Map<String, NodeHealth> probeAll(List<T> nodes, Function<T, String> key, Function<T, String> organization) {
        List<CompletableFuture<Map.Entry<String, NodeHealth>>> asked = new ArrayList<>();
        for (T node : nodes) {
            asked.add(CompletableFuture.supplyAsync(() -> Map.entry(key.apply(node), probe(node, organization.apply(node))), askers));
        }
        Map<String, NodeHealth> answers = new LinkedHashMap<>();
        asked.forEach(future -> {
            Map.Entry<String, NodeHealth> entry = future.join();
            answers.put(entry.getKey(), entry.getValue());
        });
        return answers;
    }

    /** How the node is now; never throws: what went wrong is in the answer's reason. */
    public NodeHealth probe(HasMetadata node, String organization) {
        Optional<URI> operations;
        try {
            operations = runtime.operations(node);
        } catch (RuntimeException e) {
            operations = Optional.empty();
        }
        if (operations.isEmpty()) {
            return new NodeHealth(NodeHealth.NOT_RUNNING, node.getKind() + " " + node.getMetadata().getName() + " is not running."
                    + why(node).map(reason -> " " + reason).orElse(""), Map.of(), clock.instant());
        }
        URI base = operations.get();
        try {
            HttpClient http = "https".equals(base.getScheme()) ? tlsClient(organization) : plain;
            HttpResponse<String> healthz = get(http, base.resolve("/healthz"));
            Map<String, Long> heights = heights(get(http, base.resolve("/metrics")));
            if (healthz.statusCode() == 200) {
                return new NodeHealth(NodeHealth.HEALTHY, null, heights, clock.instant());
            }
            return new NodeHealth(NodeHealth.UNHEALTHY, failedChecks(healthz), heights, clock.instant());
        } catch (IOException | RuntimeException e) {
            return new NodeHealth(NodeHealth.UNREACHABLE, "The operations endpoint " + base + " did not answer: " + describe(e) + "."
                    + why(node).map(reason -> " " + reason).orElse(""), Map.of(), clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new NodeHealth(NodeHealth.UNREACHABLE, "Interrupted while asking " + base + ".", Map.of(), clock.instant());
        }
    }

    /** What the runtime says of a node found down; never throws (a failing API server must not hide the probe's own answer). */
    private Optional<String> why(HasMetadata node) {
        try {
            return runtime.whyNotServing(node);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code ledger_blockchain_height} by channel. */
    static Map<String, Long> heights(HttpResponse<String> metrics) {
        Map<String, Long> heights = new TreeMap<>();
        if (metrics.statusCode() != 200) {
            return heights;
        }
        for (PrometheusText.Sample sample : PrometheusText.samples(metrics.body())) {
            if (sample.name().equals("ledger_blockchain_height") && sample.labels().containsKey("channel")) {
                heights.put(sample.labels().get("channel"), (long) sample.value());
            }
        }
        return heights;
    }

    /** Fabric's healthz answers 503 with {@code failed_checks}: [{component, reason}]. */
    private static String failedChecks(HttpResponse<String> healthz) {
        try {
            JsonNode failed = JSON.readTree(healthz.body()).path("failed_checks");
            List<String> reasons = new ArrayList<>();
            failed.forEach(check -> reasons.add(check.path("component").asText() + ": " + check.path("reason").asText()));
            if (!reasons.isEmpty()) {
                return String.join("; ", reasons);
            }
        } catch (IOException e) {
            // Not Fabric's JSON: the status says enough.
        }
        return "healthz answered HTTP " + healthz.statusCode();
    }

    private HttpResponse<String> get(HttpClient http, URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpClient tlsClient(String organization) {
        Organization org = organization == null ? null : client.resources(Organization.class).withName(organization).get();
        String tlsCa = org == null || org.getStatus() == null ? null : org.getStatus().tlsCaCertificate;
        if (tlsCa == null) {
            throw new IllegalStateException("the TLS CA of organization " + organization + " is not known yet");
        }
        return byTlsCa.computeIfAbsent(tlsCa, pem -> {
            SSLContext context = TlsMaterial.context(null, TlsMaterial.trustManagers(Pem.certificates(pem)));
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).sslContext(context).build();
        });
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
