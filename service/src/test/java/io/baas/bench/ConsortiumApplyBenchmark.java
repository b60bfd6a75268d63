package io.baas.bench;

import io.baas.crd.Consortium;
import io.baas.crd.OrdererNode;
import io.baas.crd.Organization;
import io.baas.crd.PeerNode;
import io.baas.k8s.Applier;
import io.baas.runtime.KubernetesNodeRuntime;
import io.baas.dev.EmbeddedSeed;
import io.baas.k8s.build.PlatformSettings;
import io.baas.pki.MspOrganization;
import io.baas.pki.OrganizationCaFactory;
import io.baas.pki.ValidityPolicy;
import io.baas.pki.k8s.OrganizationCaSecret;
import io.baas.reconcile.ConsortiumReconciler;
import io.baas.reconcile.OrdererNodeReconciler;
import io.baas.reconcile.PeerNodeReconciler;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;

/**
 * How long it takes from a consortium's resources existing to all its Kubernetes objects applied
 * (namespaces, NetworkPolicies, node identities, Secrets, ConfigMaps, Services, StatefulSets), for
 * 1, 4 and 16 organizations with 2 peers each and 3 orderers, against the fabric8 mock server in
 * CRUD mode (not a real API server: no admission, no etcd). The organizations' CAs exist beforehand;
 * node identities are issued inside the timed part, as on a first deployment. Command in
 * docs/benchmarks.md.
 */
public final class ConsortiumApplyBenchmark {

    private static final PlatformSettings PLATFORM = io.baas.support.TestPlatform.SETTINGS;

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.out.printf("%-14s %-10s %-12s %s%n", "organizations", "objects", "median ms", "runs (ms)");
        for (int organizations : new int[] {1, 4, 16}) {
            run(organizations); // warm-up, not counted
            List<Long> times = new ArrayList<>();
            long objects = 0;
            for (int i = 0; i < runs; i++) {
                long[] result = run(organizations);
                times.add(result[0]);
                objects = result[1];
            }
            List<Long> sorted = new ArrayList<>(times);
            Collections.sort(sorted);
            System.out.printf("%-14d %-10d %-12d %s%n", organizations, objects, sorted.get(sorted.size() / 2), times);
        }
    }

    /** One deployment from scratch: {elapsed ms, objects applied}. */
    private static long[] run(int organizations) {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            for (var type : List.of(Organization.class, Consortium.class, PeerNode.class, OrdererNode.class)) {
                client.apiextensions().v1().customResourceDefinitions().resource(EmbeddedSeed.baasCrd(type)).create();
            }
            Consortium consortium = new Consortium();
            consortium.getMetadata().setName("bench");
            consortium.setSpec(new Consortium.Spec());
            for (int i = 0; i < organizations; i++) {
                String name = "org" + i;
                MspOrganization msp = new MspOrganization("Org" + i + "MSP", name + ".example");
                client.secrets().resource(OrganizationCaSecret.build("kubesphere-system", name,
                        new OrganizationCaFactory(Clock.systemUTC(), ValidityPolicy.DEFAULT).createRoots(msp))).create();
                Organization organization = new Organization();
                organization.getMetadata().setName(name);
                organization.setSpec(new Organization.Spec());
                organization.getSpec().workspace = "ws" + i;
                organization.getSpec().mspId = msp.mspId();
                organization.getSpec().domain = msp.domain();
                client.resources(Organization.class).resource(organization).create();
                Consortium.Member member = new Consortium.Member(name, "ws" + i);
                member.peers = 2;
                consortium.getSpec().members.add(member);
            }
            consortium.getSpec().leader = consortium.getSpec().members.get(0);
            consortium.getSpec().orderingService = new Consortium.OrderingService(); // 3 orderers of the leader
            client.resources(Consortium.class).resource(consortium).create();

            Applier applier = new Applier(client);
            ConsortiumReconciler consortia = new ConsortiumReconciler(client, applier, PLATFORM, Clock.systemUTC());
            KubernetesNodeRuntime runtime = new KubernetesNodeRuntime(client, applier, PLATFORM);
            PeerNodeReconciler peers = new PeerNodeReconciler(client, runtime, PLATFORM, Clock.systemUTC());
            OrdererNodeReconciler orderers = new OrdererNodeReconciler(client, runtime, PLATFORM, Clock.systemUTC());

            long start = System.nanoTime();
            // The consortium declares the nodes; each node's reconciler then makes its objects.
            long objects = consortia.reconcile("bench").writes();
            for (OrdererNode orderer : client.resources(OrdererNode.class).inAnyNamespace().list().getItems()) {
                objects += orderers.reconcile(orderer.getMetadata().getNamespace(), orderer.getMetadata().getName()).writes();
            }
            for (PeerNode peer : client.resources(PeerNode.class).inAnyNamespace().list().getItems()) {
                objects += peers.reconcile(peer.getMetadata().getNamespace(), peer.getMetadata().getName()).writes();
            }
            return new long[] {(System.nanoTime() - start) / 1_000_000, objects};
        } finally {
            server.destroy();
        }
    }
}
