package io.baas;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.crd.Consortium;
import io.baas.crd.NodeStatus;
import io.baas.crd.Organization;
import io.baas.crd.PeerNode;
import io.baas.dev.EmbeddedSeed;
import io.baas.support.OwnResources;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.bootstrap.app.CuratedApplication;
import io.quarkus.bootstrap.app.QuarkusBootstrap;
import io.quarkus.bootstrap.app.RunningQuarkusApplication;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The application started and stopped twice in one JVM, as dev mode does on every live reload, with
 * a sandbox network running each time: when it stops, its servers' ports close and every thread it
 * started ends. Runs as an integration test, in failsafe's JVM, where no other application runs
 * to blur the count.
 */
class ApplicationRestartIT {

    private static final Duration NODES_RUNNING = Duration.ofMinutes(3);
    private static final Duration THREADS_ENDED = Duration.ofSeconds(60);

    @Test
    void stoppingTheApplicationEndsItsThreadsAndClosesItsPorts() throws Exception {
        try (CuratedApplication curated = bootstrap()) {
            OwnResources before = OwnResources.now();
            OwnResources afterFirstStop = null;
            for (int round = 1; round <= 2; round++) {
                RunningQuarkusApplication application = curated.createAugmentor().createInitialRuntimeApplication().run();
                try (KubernetesClient client = clientOf(application)) {
                    runNetwork(client, "restart-" + round, "restart-org-" + round);
                    assertThat(OwnResources.now().listeningPorts())
                            .as("round %d: the sandbox's peer and orderer listen besides the HTTP server", round)
                            .hasSizeGreaterThanOrEqualTo(before.listeningPorts().size() + 3);
                } finally {
                    application.close();
                }
                OwnResources stopped = OwnResources.now();
                assertThat(stopped.listeningPorts()).as("round %d: ports still listening after stop", round)
                        .isEqualTo(before.listeningPorts());
                // Quarkus's own Vert.x (event loops, acceptor) lives as long as Quarkus decides: in test
                // launch mode, until the JVM ends. Every other thread a run started must end with it, but
                // one JVM-wide Cleaner that the first run starts once.
                boolean firstStop = afterFirstStop == null;
                List<Thread> left = stopped.threadsNotIn(firstStop ? before : afterFirstStop).stream()
                        .filter(OwnResources::startedByTheApplication)
                        .filter(thread -> !OwnResources.quarkusVertx(thread))
                        .filter(thread -> !firstStop || !thread.getName().startsWith("Cleaner-"))
                        .toList();
                assertThat(OwnResources.awaitEnd(left, THREADS_ENDED))
                        .as("round %d: threads of the stopped application still alive", round).isEmpty();
                if (firstStop) {
                    afterFirstStop = OwnResources.now();
                }
            }
        }
    }

    private static CuratedApplication bootstrap() throws Exception {
        Properties runtime = new Properties();
        runtime.setProperty("quarkus.http.test-port", "0");
        runtime.setProperty("baas.runtime.nodes", "sandbox");
        return QuarkusBootstrap.builder()
                .setApplicationRoot(Path.of("target", "classes"))
                .setProjectRoot(Path.of("."))
                .setTargetDirectory(Path.of("target"))
                .setMode(QuarkusBootstrap.Mode.TEST)
                .setTest(true)
                .setIsolateDeployment(true)
                .setRuntimeProperties(runtime)
                .setBaseClassLoader(ApplicationRestartIT.class.getClassLoader())
                .build()
                .bootstrap();
    }

    /** A client of the application's embedded Kubernetes API (its client lives in another class loader). */
    private static KubernetesClient clientOf(RunningQuarkusApplication application) throws Exception {
        Object theirs = application.instance(application.getClassLoader().loadClass(KubernetesClient.class.getName()));
        Method masterUrl = theirs.getClass().getMethod("getMasterUrl");
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(masterUrl.invoke(theirs).toString())
                .withTrustCerts(true).withNamespace("default").build()).build();
    }

    /** An organization applied as with kubectl, and a consortium of it with one peer and one orderer; waits until both run. */
    private static void runNetwork(KubernetesClient client, String consortiumName, String organizationName) throws InterruptedException {
        Organization organization = new Organization();
        organization.getMetadata().setName(organizationName);
        organization.setSpec(new Organization.Spec());
        organization.getSpec().workspace = EmbeddedSeed.SYSTEM_WORKSPACE;
        organization.getSpec().mspId = "RestartMSP";
        organization.getSpec().domain = organizationName + ".example";
        client.resources(Organization.class).resource(organization).create();

        Consortium consortium = new Consortium();
        consortium.getMetadata().setName(consortiumName);
        consortium.setSpec(new Consortium.Spec());
        Consortium.Member member = new Consortium.Member(organizationName, EmbeddedSeed.SYSTEM_WORKSPACE);
        member.peers = 1;
        consortium.getSpec().members = List.of(member);
        consortium.getSpec().leader = member;
        consortium.getSpec().orderingService = new Consortium.OrderingService();
        consortium.getSpec().orderingService.nodes = 1;
        client.resources(Consortium.class).resource(consortium).create();

        CountDownLatch running = new CountDownLatch(1);
        Set<NodeStatus.Phase> runningPhases = Set.of(NodeStatus.Phase.RUNNING);
        try (var watch = client.resources(PeerNode.class).inAnyNamespace().watch(new io.fabric8.kubernetes.client.Watcher<>() {
            @Override
            public void eventReceived(Action action, PeerNode peer) {
                if (peer.getStatus() != null && runningPhases.contains(peer.getStatus().phase)) {
                    running.countDown();
                }
            }

            @Override
            public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {
            }
        })) {
            assertThat(running.await(NODES_RUNNING.toSeconds(), TimeUnit.SECONDS))
                    .as("a PeerNode of %s reached phase Running", consortiumName).isTrue();
        }
    }
}
