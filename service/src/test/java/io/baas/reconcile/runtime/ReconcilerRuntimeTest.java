package io.baas.reconcile.runtime;

import io.baas.config.BaasConfig;
import io.baas.crd.BaasKinds;
import io.baas.crd.Channel;
import io.baas.crd.ConditionReason;
import io.baas.crd.Consortium;
import io.baas.crd.Organization;
import io.baas.crd.PeerNode;
import io.baas.dev.EmbeddedApiDispatcher;
import io.baas.dev.EmbeddedSeed;
import io.baas.k8s.build.ConsortiumNamespaces;
import io.baas.reconcile.ReconcileException;
import io.baas.reconcile.ReconcileResult;
import io.baas.support.TestConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.javaoperatorsdk.operator.processing.retry.Retry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controller runtime with stand-in passes against the in-memory API: what the hand-written loop
 * it replaced could not do. Waits are for events; their bounds only stop a broken run.
 */
class ReconcilerRuntimeTest {

    private static final String SERVICE_NAMESPACE = "kubesphere-system";
    private static final long BOUND = 60;
    /** The defaults of baas.reconcile.* */
    private static final BaasConfig.Reconcile SETTINGS = TestConfig.of(Map.of()).reconcile();

    private KubernetesMockServer server;
    private KubernetesClient client;
    private Operator operator;
    private final Map<Class<? extends HasMetadata>, Passes.Pass> passes = new ConcurrentHashMap<>();

    @BeforeEach
    void cluster() {
        server = EmbeddedApiDispatcher.server();
        server.init();
        client = server.createClient();
        for (var kind : BaasKinds.ALL) {
            client.apiextensions().v1().customResourceDefinitions().resource(EmbeddedSeed.baasCrd(kind)).create();
            passes.put(kind, (namespace, name) -> new ReconcileResult(Map.of(), false));
        }
    }

    @AfterEach
    void stop() {
        if (operator != null) {
            operator.stop();
            operator.getConfigurationService().getExecutorServiceManager().scheduledExecutorService().shutdownNow();
        }
        client.close();
        server.destroy();
    }

    private void start(Retry retry) {
        operator = ReconcilerRuntime.operator(client, SETTINGS, ReconcilerRuntime.leaderElection(SERVICE_NAMESPACE, SETTINGS, () -> { }));
        ReconcilerRuntime.controllers(new Passes(passes, client))
                .forEach(c -> ReconcilerRuntime.register(operator, c, SETTINGS.resync(), retry));
        operator.start();
    }

    @Test
    void aSlowPassHoldsUpOnlyItsOwnObject() throws Exception {
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch fastDone = new CountDownLatch(1);
        CountDownLatch otherKindDone = new CountDownLatch(1);
        passes.put(Organization.class, (namespace, name) -> {
            if (name.equals("slow")) {
                slowStarted.countDown();
                await(release); // a Fabric call that takes its time
            } else {
                fastDone.countDown();
            }
            return new ReconcileResult(Map.of(), false);
        });
        passes.put(Consortium.class, (namespace, name) -> {
            otherKindDone.countDown();
            return new ReconcileResult(Map.of(), false);
        });
        start(ReconcilerRuntime.retry(SETTINGS));

        client.resources(Organization.class).resource(organization("slow")).create();
        assertThat(slowStarted.await(BOUND, TimeUnit.SECONDS)).isTrue();
        client.resources(Organization.class).resource(organization("fast")).create();
        Consortium consortium = new Consortium();
        consortium.getMetadata().setName("c1");
        client.resources(Consortium.class).resource(consortium).create();

        assertThat(fastDone.await(BOUND, TimeUnit.SECONDS)).as("another object of the same kind").isTrue();
        assertThat(otherKindDone.await(BOUND, TimeUnit.SECONDS)).as("an object of another kind").isTrue();
        assertThat(release.getCount()).as("while the slow pass still runs").isEqualTo(1);
        release.countDown();
    }

    @Test
    void aStatefulSetTurningReadyReachesItsPeerAtOnce() throws Exception {
        BlockingQueue<String> passed = new LinkedBlockingQueue<>();
        passes.put(PeerNode.class, (namespace, name) -> {
            passed.add(namespace + "/" + name);
            return new ReconcileResult(Map.of(), false);
        });
        start(ReconcilerRuntime.retry(SETTINGS));
        PeerNode peer = new PeerNode();
        peer.getMetadata().setName("peer0");
        peer.getMetadata().setNamespace("net-org1");
        client.resources(PeerNode.class).resource(peer).create();
        assertThat(passed.poll(BOUND, TimeUnit.SECONDS)).isEqualTo("net-org1/peer0");

        StatefulSet created = client.apps().statefulSets().resource(new StatefulSetBuilder()
                .withNewMetadata().withName("peer0").withNamespace("net-org1")
                .addToLabels(ConsortiumNamespaces.MANAGED_BY, ConsortiumNamespaces.MANAGER)
                .addToLabels(SecondaryMappers.NAME_LABEL, "fabric-peer")
                .addToLabels(SecondaryMappers.INSTANCE_LABEL, "peer0").endMetadata()
                .withNewSpec().withReplicas(1).endSpec().build()).create();
        assertThat(passed.poll(BOUND, TimeUnit.SECONDS)).as("the StatefulSet appeared").isEqualTo("net-org1/peer0");
        passed.clear();

        created.setStatus(new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder().withReplicas(1).withReadyReplicas(1).build());
        client.apps().statefulSets().resource(created).updateStatus();
        // Long before the 10-minute resync: the change itself is the event.
        assertThat(passed.poll(BOUND, TimeUnit.SECONDS)).as("the StatefulSet turned ready").isEqualTo("net-org1/peer0");
    }

    @Test
    void anUpdateDuringBackOffIsReconciledAtOnce() throws Exception {
        CountDownLatch failed = new CountDownLatch(1);
        CountDownLatch sawUpdate = new CountDownLatch(1);
        passes.put(Channel.class, (namespace, name) -> {
            Channel stored = client.resources(Channel.class).inNamespace(namespace).withName(name).get();
            if (stored == null || !"v2".equals(stored.getSpec().channelId)) {
                failed.countDown();
                throw ReconcileException.inStep("JoinOrderers",
                        new ReconcileException(ConditionReason.ORDERERS_NOT_READY, "channel " + name + " is not at v2."));
            }
            sawUpdate.countDown();
            return new ReconcileResult(Map.of(), false);
        });
        // The first retry would come an hour later: only the update itself can bring the next pass.
        start(new GenericRetry().setInitialInterval(Duration.ofHours(1)).setMaxAttempts(-1));

        Channel channel = new Channel();
        channel.getMetadata().setName("trade");
        channel.getMetadata().setNamespace("net");
        channel.setSpec(new Channel.Spec());
        channel.getSpec().channelId = "v1";
        client.resources(Channel.class).resource(channel).create();
        assertThat(failed.await(BOUND, TimeUnit.SECONDS)).isTrue();

        client.resources(Channel.class).inNamespace("net").withName("trade").edit(c -> {
            c.getSpec().channelId = "v2";
            return c;
        });
        assertThat(sawUpdate.await(BOUND, TimeUnit.SECONDS)).as("the update is not held back by the back-off").isTrue();
        assertThat(client.v1().events().inNamespace("net").list().getItems())
                .anyMatch(e -> "ReconcileFailed".equals(e.getReason()) && "trade".equals(e.getInvolvedObject().getName())
                        && e.getMessage().startsWith("Step JoinOrderers failed: channel trade is not at v2."));
    }

    private static Organization organization(String name) {
        Organization organization = new Organization();
        organization.getMetadata().setName(name);
        return organization;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(BOUND * 2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
