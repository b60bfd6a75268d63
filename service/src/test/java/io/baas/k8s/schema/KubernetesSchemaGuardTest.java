package io.baas.k8s.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baas.config.KubeSphereVersion;
import io.baas.dev.EmbeddedSeed;
import io.baas.install.GuardCharts;
import io.baas.k8s.KubeSphereKind;
import io.baas.reconcile.GuardNetwork;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The permanent guard of issue 17: what a real cluster would refuse, found without one. Every object
 * the reconcilers write for a realistic network (read back from the mock API server, Events
 * included), every object the charts render with several value sets, and what the embedded
 * KubeSphere is seeded with, is checked against the official Kubernetes OpenAPI schema (strictly),
 * the baas.io CRDs, KubeSphere 4.1's CRD facts, and the API server's and Pod Security's rules; a
 * second reconcile pass after a peer's image and storage change must not touch an immutable field.
 *
 * <p>Each test covers one area, so a failure says which: its message lists every violation as
 * "apiVersion Kind namespace/name [source] at .json.path: rule".
 */
class KubernetesSchemaGuardTest {

    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    static Path work;
    static SchemaGuard guard;
    static List<JsonNode> network;
    static List<Violation> networkViolations;
    static List<Violation> immutableChanges;
    static List<String> passFailures;

    @BeforeAll
    static void produce() {
        guard = new SchemaGuard(SchemaCatalog.load(REPOSITORY));
        try (GuardNetwork cluster = new GuardNetwork()) {
            cluster.declare().pass().pass();
            List<JsonNode> first = trees(cluster.objects());
            cluster.upgradePeer("trade-bank-a", "peer0", "2.5.6", "20Gi").upgradePeer("trade-bank-b", "ledger", "2.5.6", "8Gi").pass();
            network = trees(cluster.objects());
            immutableChanges = ImmutableFields.changes(first, network);
            passFailures = List.copyOf(cluster.failures);
        }
        networkViolations = guard.check(network, "network");
    }

    private static List<JsonNode> trees(List<HasMetadata> objects) {
        return objects.stream().map(SchemaGuard::tree).toList();
    }

    private static String report(List<Violation> violations) {
        return violations.size() + " violation(s):\n" + violations.stream().map(Violation::toString).collect(Collectors.joining("\n"));
    }

    private static List<Violation> network(Predicate<Violation> which) {
        return networkViolations.stream().filter(which).toList();
    }

    private static boolean isKind(Violation v, String... kinds) {
        for (String kind : kinds) {
            if (v.object().contains(" " + kind + " ")) {
                return true;
            }
        }
        return false;
    }

    private static boolean aboutPods(Violation v) {
        return v.path().contains(".template.spec") || v.path().startsWith(".spec.serviceName");
    }

    @Test
    void theNetworkIsRealisticSoTheGuardCannotPassOnNothing() {
        Map<String, Long> kinds = network.stream().collect(Collectors.groupingBy(o -> o.path("kind").asText(), Collectors.counting()));
        assertThat(kinds).containsKeys("Namespace", "NetworkPolicy", "Secret", "ConfigMap", "Service", "StatefulSet", "Deployment",
                "Event", "Organization", "Consortium", "PeerNode", "OrdererNode", "Channel", "Chaincode", "ServiceMonitor");
        assertThat(kinds.get("StatefulSet")).as("5 peers and 3 orderers").isEqualTo(8);
        assertThat(network).as("a CouchDB peer").anySatisfy(o -> assertThat(o.toString()).contains("couchdb"));
        assertThat(network).as("an Event about the cluster-scoped Consortium").anySatisfy(o -> {
            assertThat(o.path("kind").asText()).isEqualTo("Event");
            assertThat(o.at("/involvedObject/kind").asText()).isEqualTo("Consortium");
        });
        assertThat(network).as("the Chaincode keeps its collection").anySatisfy(o ->
                assertThat(o.at("/spec/collections/0/name").asText()).isEqualTo("c1"));
        // The channel's pass fails reaching its orderers (nothing runs in a mock); any other failure means missing objects.
        assertThat(passFailures).as("passes that failed").allMatch(f -> f.startsWith("Channel ") && f.contains("cannot be reached"),
                "only the channel, for want of running orderers");
    }

    @Test
    void builtInObjectsMatchTheOfficialSchemaAndNameRules() {
        assertThat(network(v -> !isKind(v, "Event") && !v.object().startsWith("baas.io/") && !aboutPods(v)))
                .as(report(network(v -> !isKind(v, "Event") && !v.object().startsWith("baas.io/") && !aboutPods(v)))).isEmpty();
    }

    /** Issue 17 item 1. */
    @Test
    void eventsAreInTheNamespaceTheApiServerRequires() {
        List<Violation> events = network(v -> isKind(v, "Event"));
        assertThat(events).as(report(events)).isEmpty();
    }

    /** Issue 17 item 2 (the Chaincode's collections), and every other baas.io resource against its CRD. */
    @Test
    void customResourcesMatchTheirCrds() {
        List<Violation> custom = network(v -> v.object().startsWith("baas.io/"));
        assertThat(custom).as(report(custom)).isEmpty();
    }

    /** Issue 17 item 5: Pod Security restricted, requests and limits, headless governing Services. */
    @Test
    void podsPassPodSecurityRestrictedWithResourcesAndHeadlessGoverningServices() {
        List<Violation> pods = network(KubernetesSchemaGuardTest::aboutPods);
        assertThat(pods).as(report(pods)).isEmpty();
    }

    /** Issue 17 item 3: a second pass after an image and storage change. */
    @Test
    void aSecondPassAfterAPeerUpgradeChangesNoImmutableField() {
        assertThat(network).filteredOn(o -> o.path("kind").asText().equals("StatefulSet")
                        && o.at("/metadata/name").asText().equals("peer0") && o.at("/metadata/namespace").asText().equals("trade-bank-a"))
                .singleElement().satisfies(set -> assertThat(set.toString()).as("the upgrade reached the StatefulSet").contains("2.5.6"));
        assertThat(immutableChanges).as(report(immutableChanges)).isEmpty();
    }

    /** Issue 17 item 6 and the charts as a whole. */
    @Test
    void everyChartRenderingIsValid() {
        List<Violation> violations = new ArrayList<>();
        int objects = 0;
        for (var rendering : GuardCharts.renderings(work).entrySet()) {
            objects += rendering.getValue().size();
            violations.addAll(guard.check(rendering.getValue(), rendering.getKey()));
        }
        assertThat(objects).as("objects rendered").isGreaterThan(100);
        assertThat(violations).as(report(violations)).isEmpty();
    }

    /** What the embedded KubeSphere is seeded with, as KubeSphere 4.1 would take it (WorkspaceTemplate placement, roles, users). */
    @Test
    void theKubeSphereSeedIsValid() {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            EmbeddedSeed.apply(client, KubeSphereVersion.V4, Optional.of("seed-secret"));
            List<HasMetadata> seeded = new ArrayList<>();
            for (KubeSphereKind kind : KubeSphereKind.values()) {
                if (kind.existsIn(KubeSphereVersion.V4)) {
                    seeded.addAll(client.genericKubernetesResources(kind.apiVersion(KubeSphereVersion.V4), kind.kind())
                            .inAnyNamespace().list().getItems());
                }
            }
            seeded.addAll(client.namespaces().list().getItems());
            seeded.addAll(client.configMaps().inAnyNamespace().list().getItems());
            List<JsonNode> objects = trees(seeded);
            assertThat(objects).extracting(o -> o.path("kind").asText()).contains("WorkspaceTemplate", "User", "GlobalRole",
                    "RoleTemplate", "WorkspaceRole");
            List<Violation> violations = guard.check(objects, "EmbeddedSeed KubeSphere 4");
            assertThat(violations).as(report(violations)).isEmpty();
        } finally {
            server.destroy();
        }
    }
}
