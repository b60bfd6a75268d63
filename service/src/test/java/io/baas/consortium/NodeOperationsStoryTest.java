package io.baas.consortium;

import static io.baas.support.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.store.DatabaseMigrator;
import io.baas.support.BaasApi;
import io.baas.support.Edits;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.SandboxRuntimeProfile;
import io.baas.support.TestTokens;
import io.baas.support.TwoOrganizationChannel;
import io.baas.support.TwoOrganizationChannel.Organization;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Operating nodes on the sandbox runtime, as a member does in its project: their logs (the last
 * lines in Fabric's format, lines followed live as a chaincode's definition is approved and
 * committed, the end of a followed log when its peer is removed, the refusals: another
 * organization's project, a node that does not exist, wrong parameters) and their health in the
 * consortium's overview, read from their operations endpoints (heights as the metrics say, how far
 * a peer is behind the orderer; a node that is down is NodeHealthProbeTest's).
 */
@QuarkusTest
@TestProfile(SandboxRuntimeProfile.class)
class NodeOperationsStoryTest {

    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6).replaceAll("[^a-z0-9]", "a");
    // Names of their own: organizations are cluster-wide, and other stories share this profile's cluster.
    static final Organization QUILL = new Organization("quill" + SUFFIX, "Quill" + SUFFIX + "MSP", "logs-lead-" + SUFFIX);
    static final Organization INK = new Organization("ink" + SUFFIX, "Ink" + SUFFIX + "MSP", "logs-member-" + SUFFIX);
    /** Fabric's default log format: time, a hex sequence, the level in four letters, [module] function -> message. */
    static final Pattern FABRIC_LINE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} UTC [0-9a-f]{4,} (INFO|WARN|ERRO) "
            + "\\[[A-Za-z.]+] \\w+ -> .+$");

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Inject
    DatabaseMigrator migrator;

    @Inject
    io.baas.runtime.NodeRuntime runtime;

    @Inject
    io.baas.runtime.SandboxNodeRuntime sandbox;

    @Inject
    io.baas.organization.CertificateCare certificateCare;

    @TestHTTPResource("/")
    URL service;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aMemberReadsAndFollowsItsNodesLogs() throws Exception {
        TwoOrganizationChannel live = TwoOrganizationChannel.create(client, iam, migrator, QUILL, INK, "logs" + SUFFIX, "memo-" + SUFFIX);
        String peerLogs = "/namespaces/" + live.namespace(QUILL) + "/peers/peer0/logs";
        String orderer = BaasApi.call(QUILL.admin(), "GET", "/namespaces/" + live.namespace(QUILL) + "/orderers", null).then().statusCode(200)
                .extract().path("items[0].metadata.name");
        String ordererLogs = "/namespaces/" + live.namespace(QUILL) + "/orderers/" + orderer + "/logs";

        Following peer = follow(QUILL.admin(), peerLogs + "?follow=true&tailLines=1");
        Following ordering = follow(QUILL.admin(), ordererLogs + "?follow=true&tailLines=1");
        assertThat(peer.response().headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(peer.response().headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        // The chaincode's approvals and its commit are transactions: the peer writes each block it commits as it commits it.
        BaasApi.call(INK.admin(), "POST", live.channelPath(INK) + "/builtinapps", Map.of("app", "notarization")).then().statusCode(201);
        live.approveAll("notarization", 1);
        String committed = peer.next(line -> line.contains("[kvledger] commit -> [" + live.channel() + "] Committed block ["));
        assertThat(committed).matches(FABRIC_LINE).endsWith("with 1 transaction(s)");
        assertThat(ordering.next(line -> line.contains("[orderer.consensus.etcdraft] writeBlock -> Writing block [")
                && line.endsWith("channel=" + live.channel() + " node=1"))).matches(FABRIC_LINE);
        peer.close();
        ordering.close();

        // Without following: what the peer kept, oldest first, from its start on.
        String all = BaasApi.call(QUILL.admin(), "GET", peerLogs, null).then().statusCode(200).extract().asString();
        List<String> lines = all.lines().toList();
        assertThat(lines).allMatch(line -> FABRIC_LINE.matcher(line).matches(), "every line in Fabric's format");
        assertThat(lines.get(0)).contains("[nodeCmd] serve -> Starting peer");
        assertThat(lines).contains(committed);
        assertThat(BaasApi.call(QUILL.admin(), "GET", peerLogs + "?tailLines=2", null).then().statusCode(200).extract().asString().lines())
                .containsExactlyElementsOf(lines.subList(lines.size() - 2, lines.size()));
        assertThat(BaasApi.call(QUILL.admin(), "GET", peerLogs + "?sinceSeconds=600", null).then().statusCode(200).extract().asString())
                .contains(committed);

        // Members see their own nodes only; viewers of the project's workspace read them; wrong parameters are named.
        BaasApi.call(INK.admin(), "GET", peerLogs, null).then().statusCode(403);
        BaasApi.call(INK.viewer(), "GET", "/namespaces/" + live.namespace(INK) + "/peers/peer0/logs?tailLines=1", null).then()
                .statusCode(200);
        assertError(BaasApi.call(QUILL.admin(), "GET", "/namespaces/" + live.namespace(QUILL) + "/peers/peer7/logs", null).then(), 404,
                "NotFound");
        assertError(BaasApi.call(QUILL.admin(), "GET", peerLogs + "?tailLines=0", null).then(), 400, "BadRequest")
                .body("details[0].field", equalTo("tailLines"));
        assertError(BaasApi.call(QUILL.admin(), "GET", peerLogs + "?follow=yes", null).then(), 400, "BadRequest")
                .body("details[0].field", equalTo("follow"));
        // Metrics over time need a Prometheus; this service has none configured, and says so.
        assertError(BaasApi.call(QUILL.admin(), "GET", "/namespaces/" + live.namespace(QUILL) + "/peers/peer0/metrics?metric=ledger_blockchain_height",
                null).then(), 503, "MonitoringNotConfigured");

        theOverviewShowsEachNodesHealth(live);
        aStoppedPeerIsDownWithItsReasonUntilItsNextPass(live);

        // A followed log ends when its node stops, as a container's does.
        String extraLogs = "/namespaces/" + live.namespace(QUILL) + "/peers/extra/logs";
        BaasApi.call(QUILL.admin(), "POST", "/namespaces/" + live.namespace(QUILL) + "/peers", Map.of("name", "extra")).then().statusCode(201);
        KubeSphereFixtures.await(() -> BaasApi.call(QUILL.admin(), "GET", extraLogs, null).statusCode() == 200, TwoOrganizationChannel.BOUND,
                () -> "the added peer never ran: " + BaasApi.call(QUILL.admin(), "GET", extraLogs, null).asString());
        Following extra = follow(QUILL.admin(), extraLogs + "?follow=true");
        assertThat(extra.next(line -> line.contains("Starting peer"))).matches(FABRIC_LINE);
        BaasApi.call(QUILL.admin(), "DELETE", "/namespaces/" + live.namespace(QUILL) + "/peers/extra", null).then().statusCode(204);
        assertThat(extra.ended().get(TwoOrganizationChannel.BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
        KubeSphereFixtures.await(() -> BaasApi.call(QUILL.admin(), "GET", extraLogs, null).statusCode() == 404, TwoOrganizationChannel.BOUND);
    }

    private String overview(TwoOrganizationChannel live) {
        return "/workspaces/" + QUILL.workspace() + "/consortia/" + live.consortium() + "/overview";
    }

    /** Every node healthy, each peer's heights as its own metrics say, and in step with the orderer once the channel is quiet. */
    private void theOverviewShowsEachNodesHealth(TwoOrganizationChannel live) throws Exception {
        String channelId = client.resources(io.baas.crd.Channel.class).inNamespace(live.namespace(QUILL)).withName(live.channel()).get()
                .getSpec().channelId;
        KubeSphereFixtures.await(() -> {
            var nodes = BaasApi.call(QUILL.admin(), "GET", overview(live), null).then().statusCode(200).extract().jsonPath()
                    .<Map<String, Object>>getList("nodes");
            return nodes.size() == 3 && nodes.stream().allMatch(node -> "Healthy".equals(((Map<?, ?>) node.get("health")).get("state")))
                    && nodes.stream().filter(node -> "PeerNode".equals(node.get("kind")))
                    .allMatch(node -> Long.valueOf(0).equals(((Number) ((Map<?, ?>) node.get("blocksBehind")).get(channelId)).longValue()));
        }, TwoOrganizationChannel.BOUND, () -> BaasApi.call(QUILL.admin(), "GET", overview(live), null).asString());
        // The channel may still be cutting the commit's block: compared once the peer's metrics read the same before and after.
        io.baas.crd.PeerNode peer0 = client.resources(io.baas.crd.PeerNode.class).inNamespace(live.namespace(QUILL)).withName("peer0").get();
        String quillPeer = "nodes.find { it.kind == 'PeerNode' && it.organization == '" + QUILL.name() + "' }";
        long[] seen = new long[3];
        KubeSphereFixtures.await(() -> {
            seen[0] = metricsHeight(peer0, channelId);
            var answer = BaasApi.call(QUILL.admin(), "GET", overview(live), null).then().statusCode(200).extract().jsonPath();
            seen[1] = answer.getLong(quillPeer + ".health.heights['" + channelId + "']");
            seen[2] = metricsHeight(peer0, channelId);
            return seen[0] == seen[1] && seen[1] == seen[2]
                    && answer.getLong("nodes.find { it.kind == 'OrdererNode' }.health.heights['" + channelId + "']") == seen[1]
                    && "Healthy".equals(answer.getString("nodes.find { it.kind == 'OrdererNode' }.health.state"));
        }, TwoOrganizationChannel.BOUND, () -> "metrics, overview, metrics: " + java.util.Arrays.toString(seen));
        assertThat(seen[1]).as("the approvals and the commit made blocks").isGreaterThan(1);
        theMetricsTheAlertsAndDashboardsQueryAreExposed(live, peer0);
    }

    /**
     * A node's own health route answers as the overview's row for it; a peer whose process stopped
     * is NotRunning with the runtime's reason, in both, until its reconciler's next pass (here
     * brought by an annotation) starts it again.
     */
    private void aStoppedPeerIsDownWithItsReasonUntilItsNextPass(TwoOrganizationChannel live) {
        String channelId = client.resources(io.baas.crd.Channel.class).inNamespace(live.namespace(QUILL)).withName(live.channel()).get()
                .getSpec().channelId;
        String health = "/namespaces/" + live.namespace(QUILL) + "/peers/peer0/health";
        BaasApi.call(QUILL.admin(), "GET", health, null).then().statusCode(200).body("kind", equalTo("PeerNode"))
                .body("health.state", equalTo("Healthy")).body("blocksBehind['" + channelId + "']", equalTo(0));
        String orderer = BaasApi.call(QUILL.admin(), "GET", "/namespaces/" + live.namespace(QUILL) + "/orderers", null).then().extract()
                .path("items[0].metadata.name");
        BaasApi.call(QUILL.admin(), "GET", "/namespaces/" + live.namespace(QUILL) + "/orderers/" + orderer + "/health", null).then()
                .statusCode(200).body("health.state", equalTo("Healthy")).body("blocksBehind", org.hamcrest.Matchers.nullValue());
        assertError(BaasApi.call(INK.admin(), "GET", health, null).then(), 403, "Forbidden");
        assertError(BaasApi.call(QUILL.admin(), "GET", "/namespaces/" + live.namespace(QUILL) + "/peers/peer9/health", null).then(), 404,
                "NotFound");

        io.baas.crd.PeerNode peer0 = client.resources(io.baas.crd.PeerNode.class).inNamespace(live.namespace(QUILL)).withName("peer0").get();
        sandbox.stop(peer0, "stopped by the node operations story");
        BaasApi.call(QUILL.admin(), "GET", health, null).then().statusCode(200).body("health.state", equalTo("NotRunning"))
                .body("health.reason", org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.startsWith("PeerNode peer0 is not running. Stopped at "),
                        org.hamcrest.Matchers.containsString("stopped by the node operations story")))
                .body("health.heights.size()", equalTo(0));
        var row = BaasApi.call(QUILL.admin(), "GET", overview(live), null).then().statusCode(200).extract().jsonPath();
        String quillPeer = "nodes.find { it.kind == 'PeerNode' && it.organization == '" + QUILL.name() + "' }";
        assertThat(row.getString(quillPeer + ".health.state")).isEqualTo("NotRunning");
        assertThat(row.getString(quillPeer + ".health.reason")).contains("stopped by the node operations story");
        assertThat(row.getString("nodes.find { it.kind == 'PeerNode' && it.organization == '" + INK.name() + "' }.health.state"))
                .as("the other member's peer runs on").isEqualTo("Healthy");

        Edits.retryingConflicts(client.resources(io.baas.crd.PeerNode.class).inNamespace(live.namespace(QUILL)).withName("peer0"), peer -> {
            peer.getMetadata().setAnnotations(new java.util.HashMap<>(peer.getMetadata().getAnnotations() == null ? Map.of()
                    : peer.getMetadata().getAnnotations()));
            peer.getMetadata().getAnnotations().put("ks-baas.test/restart", SUFFIX);
            return peer;
        });
        KubeSphereFixtures.await(() -> "Healthy".equals(BaasApi.call(QUILL.admin(), "GET", health, null).then().statusCode(200).extract()
                .path("health.state")), TwoOrganizationChannel.BOUND, () -> BaasApi.call(QUILL.admin(), "GET", health, null).asString());
    }

    /**
     * The chart's metrics contract (every name its alerts and dashboards query): the Fabric nodes'
     * names on a running peer's or orderer's /metrics, the certificate expiry on the service's.
     */
    private void theMetricsTheAlertsAndDashboardsQueryAreExposed(TwoOrganizationChannel live, io.baas.crd.PeerNode peer0) throws Exception {
        List<String> contract = java.nio.file.Files.readAllLines(java.nio.file.Path.of("..", "helm", "ks-baas", "files", "metrics-contract.txt"));
        io.baas.crd.OrdererNode orderer = client.resources(io.baas.crd.OrdererNode.class).inNamespace(live.namespace(QUILL)).list().getItems().get(0);
        String exposed = get(runtime.operations(peer0).orElseThrow().resolve("/metrics"))
                + get(runtime.operations(orderer).orElseThrow().resolve("/metrics"));
        java.util.Set<String> families = new java.util.HashSet<>();
        java.util.regex.Matcher typed = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$").matcher(exposed);
        while (typed.find()) {
            families.add(typed.group(1));
            if (typed.group(2).equals("histogram")) {
                families.addAll(List.of(typed.group(1) + "_bucket", typed.group(1) + "_sum", typed.group(1) + "_count"));
            }
        }
        List<String> fabric = section(contract, "# fabric-node:");
        assertThat(fabric).isNotEmpty();
        assertThat(families).as("what the sandbox nodes expose").containsAll(fabric);
        // The gauge is published each check round (hourly); one now, as the round would, for the organizations just made.
        certificateCare.refreshGauge();
        String service = get(URI.create(this.service.toString().replaceAll("/$", "") + "/q/metrics"));
        assertThat(service).containsPattern("(?m)^baas_certificate_expiry_seconds\\{");
    }

    /** The names under a section heading of the contract, up to the next heading. */
    private static List<String> section(List<String> contract, String heading) {
        List<String> names = new java.util.ArrayList<>();
        boolean inside = false;
        for (String line : contract) {
            if (line.matches("^# (fabric-node|service|prometheus):.*")) {
                inside = line.startsWith(heading);
            } else if (inside && !line.isBlank() && !line.startsWith("#")) {
                names.add(line.strip());
            }
        }
        return names;
    }

    /** The peer's {@code ledger_blockchain_height} of the channel, as its operations endpoint answers now. */
    private long metricsHeight(io.baas.crd.PeerNode peer, String channelId) {
        try {
            java.util.regex.Matcher height = Pattern.compile("(?m)^ledger_blockchain_height\\{channel=\"" + Pattern.quote(channelId)
                    + "\"} (\\d+)$").matcher(get(runtime.operations(peer).orElseThrow().resolve("/metrics")));
            return height.find() ? Long.parseLong(height.group(1)) : -1;
        } catch (Exception e) {
            throw new IllegalStateException("the peer's metrics did not answer", e);
        }
    }

    private String get(URI uri) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    /** A followed log: its lines as they arrive, and whether the service ended it. */
    record Following(HttpResponse<Stream<String>> response, BlockingQueue<String> lines, CompletableFuture<Boolean> ended, Thread reader) {

        /** The first line from now on that matches, waiting for it as long as a step of the story may take. */
        String next(java.util.function.Predicate<String> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TwoOrganizationChannel.BOUND.toNanos();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line != null && wanted.test(line)) {
                    return line;
                }
            }
            throw new AssertionError("no such line came; the last ones: " + lines);
        }

        void close() {
            response.body().close();
            reader.interrupt();
        }
    }

    private Following follow(String user, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.toString().replaceAll("/$", "") + BaasApi.PREFIX + path))
                .header("Authorization", TestTokens.bearer(user)).GET().build();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture<Boolean> ended = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                response.body().forEach(lines::add);
                ended.complete(true);
            } catch (RuntimeException e) {
                ended.complete(false); // closed by the test
            }
        }, "log-follower-" + path);
        reader.setDaemon(true);
        reader.start();
        return new Following(response, lines, ended, reader);
    }
}
