package io.baas.runtime;

import io.baas.crd.OrdererNode;
import io.baas.crd.PeerNode;
import io.baas.crd.StateDatabase;
import io.baas.error.DomainException;
import io.baas.fabric.configtx.HostPort;
import io.baas.k8s.Applier;
import io.baas.k8s.StatefulSetClaims;
import io.baas.k8s.build.NodeParts;
import io.baas.k8s.build.OrdererNodeBuilder;
import io.baas.k8s.build.PeerNodeBuilder;
import io.baas.k8s.build.PlatformSettings;
import io.baas.pki.k8s.NodeMaterial;
import io.baas.k8s.build.ChaincodeServerBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.Loggable;
import io.fabric8.kubernetes.client.dsl.TailPrettyLoggable;
import io.fabric8.kubernetes.client.dsl.TimeTailPrettyLoggable;
import io.smallrye.mutiny.Multi;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Nodes as Kubernetes objects in their consortium namespace: the node's Secret and ConfigMap, a
 * Service, a headless governing Service and a one-replica StatefulSet (plus CouchDB credentials for a CouchDB peer), all owned by
 * the node's custom resource. Removal deletes them explicitly rather than waiting for the garbage
 * collector, so a node that is deleted and made again never meets its predecessor's objects. The
 * ledger's PersistentVolumeClaims stay (a StatefulSet never deletes them): a node made again under
 * the same name finds its ledger; the namespace's deletion with the consortium frees them. A
 * StatefulSet's claim templates never change once it exists: more storage is given by expanding
 * its claims ({@link StatefulSetClaims}).
 */
public class KubernetesNodeRuntime implements NodeRuntime {

    private final KubernetesClient client;
    private final Applier applier;
    private final PlatformSettings platform;

    /** Threads that read followed logs: each blocks on its stream while a client follows. */
    private static final java.util.concurrent.ExecutorService FOLLOWERS = java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "baas-log-follower");
        thread.setDaemon(true);
        return thread;
    });

    public KubernetesNodeRuntime(KubernetesClient client, Applier applier, PlatformSettings platform) {
        this.client = client;
        this.applier = applier;
        this.platform = platform;
    }

    @Override
    public String name() {
        return "kubernetes";
    }

    /**
     * The node container's log from its pod (the StatefulSet's one replica), through the API
     * server as {@code kubectl logs} reads it; following holds one of {@link #FOLLOWERS}' threads
     * while the client reads.
     */
    @Override
    public Multi<String> logs(HasMetadata node, LogQuery query) {
        String namespace = node.getMetadata().getNamespace();
        String pod = node.getMetadata().getName() + "-0";
        if (client.pods().inNamespace(namespace).withName(pod).get() == null) {
            throw DomainException.conflict(node.getKind() + " " + node.getMetadata().getName() + " is not running: it has no pod yet.");
        }
        return podLogs(namespace, pod, node instanceof PeerNode ? "peer" : "orderer", query);
    }

    /** The oldest running pod of the server (the one a rollout replaces last), else its oldest pod. */
    @Override
    public Multi<String> chaincodeServerLogs(Deployment server, LogQuery query) {
        String namespace = server.getMetadata().getNamespace();
        String name = server.getMetadata().getName();
        Pod pod = client.pods().inNamespace(namespace).withLabel(ChaincodeServerBuilder.SERVER_LABEL, name).list().getItems().stream()
                .min(Comparator.comparing((Pod p) -> !"Running".equals(p.getStatus() == null ? null : p.getStatus().getPhase()))
                        .thenComparing(p -> p.getMetadata().getCreationTimestamp() == null ? "" : p.getMetadata().getCreationTimestamp())
                        .thenComparing(p -> p.getMetadata().getName()))
                .orElseThrow(() -> DomainException.conflict("Chaincode server " + name + " is not running: it has no pod yet."));
        return podLogs(namespace, pod.getMetadata().getName(), ChaincodeServerBuilder.CONTAINER, query);
    }

    private Multi<String> podLogs(String namespace, String pod, String container, LogQuery query) {
        Loggable selected = select(client.pods().inNamespace(namespace).withName(pod).inContainer(container), query);
        if (!query.follow()) {
            return Multi.createFrom().iterable(selected.getLog().lines().toList());
        }
        return Multi.createFrom().<String>emitter(emitter -> {
            LogWatch watch = selected.watchLog();
            emitter.onTermination(watch::close);
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null && !emitter.isCancelled(); line = reader.readLine()) {
                    emitter.emit(line);
                }
                emitter.complete();
            } catch (IOException e) {
                // Closed by the subscriber's leaving, or the API server ended the stream: either way the log ends here.
                emitter.complete();
            }
        }).runSubscriptionOn(FOLLOWERS);
    }

    /**
     * The pod's own account of a node that does not serve: its container waiting (CrashLoopBackOff,
     * ImagePullBackOff, with the kubelet's message) or ended (with its exit code), or no pod at all.
     */
    @Override
    public Optional<String> whyNotServing(HasMetadata node) {
        String pod = node.getMetadata().getName() + "-0";
        Pod found = client.pods().inNamespace(node.getMetadata().getNamespace()).withName(pod).get();
        if (found == null) {
            return Optional.of("Pod " + pod + " does not exist.");
        }
        String container = node instanceof PeerNode ? "peer" : "orderer";
        return Optional.ofNullable(found.getStatus()).map(PodStatus::getContainerStatuses).orElse(List.of()).stream()
                .filter(status -> container.equals(status.getName()))
                .findFirst()
                .flatMap(status -> describe(pod, status));
    }

    private static Optional<String> describe(String pod, ContainerStatus status) {
        ContainerState state = status.getState();
        if (state != null && state.getWaiting() != null) {
            return Optional.of("Pod " + pod + ": container " + status.getName() + " is waiting: " + state.getWaiting().getReason()
                    + (state.getWaiting().getMessage() == null ? "" : " (" + state.getWaiting().getMessage() + ")")
                    + restarts(status) + ".");
        }
        if (state != null && state.getTerminated() != null) {
            return Optional.of("Pod " + pod + ": container " + status.getName() + " ended: " + state.getTerminated().getReason()
                    + " (exit code " + state.getTerminated().getExitCode() + ")" + restarts(status) + ".");
        }
        if (!Boolean.TRUE.equals(status.getReady())) {
            return Optional.of("Pod " + pod + ": container " + status.getName() + " is not ready" + restarts(status) + ".");
        }
        return Optional.empty();
    }

    private static String restarts(ContainerStatus status) {
        Integer count = status.getRestartCount();
        return count == null || count == 0 ? "" : ", restarted " + count + " time" + (count == 1 ? "" : "s");
    }

    /** The node Service's operations port, in https when the platform configures operations TLS. */
    @Override
    public Optional<URI> operations(HasMetadata node) {
        return Optional.of(URI.create((platform.operationsTls() ? "https" : "http") + "://" + node.getMetadata().getName() + "."
                + node.getMetadata().getNamespace() + ".svc." + platform.clusterDomain() + ":" + PeerNodeBuilder.OPERATIONS_PORT));
    }

    private static Loggable select(TimeTailPrettyLoggable container, LogQuery query) {
        TailPrettyLoggable since = query.sinceSeconds() == null ? container : container.sinceSeconds(Math.toIntExact(query.sinceSeconds()));
        return query.tailLines() == null ? since : since.tailingLines(query.tailLines());
    }

    @Override
    public NodeRun runPeer(PeerNode peer, PeerNodeBuilder.Inputs inputs, NodeIdentity identity) {
        List<Applier.Outcome> writes = new ArrayList<>();
        applyMaterial(inputs.material(), writes);
        if (peer.getSpec().stateDatabase == StateDatabase.COUCHDB) {
            ensureCouchdbCredentials(peer, writes);
        }
        PeerNodeBuilder.Objects objects = PeerNodeBuilder.build(peer, inputs, platform);
        writes.add(applier.apply(objects.service()));
        writes.add(applier.apply(objects.governingService()));
        List<StatefulSetClaims.Refusal> storage = replacedForGoverningService(objects.statefulSet(), writes)
                ? List.of() : applyStatefulSet(objects.statefulSet(), writes);
        return new NodeRun(writes, ready(peer), storage);
    }

    @Override
    public NodeRun runOrderer(OrdererNode orderer, OrdererNodeBuilder.Inputs inputs, NodeIdentity identity) {
        List<Applier.Outcome> writes = new ArrayList<>();
        applyMaterial(inputs.material(), writes);
        OrdererNodeBuilder.Objects objects = OrdererNodeBuilder.build(orderer, inputs, platform);
        writes.add(applier.apply(objects.service()));
        writes.add(applier.apply(objects.governingService()));
        List<StatefulSetClaims.Refusal> storage = replacedForGoverningService(objects.statefulSet(), writes)
                ? List.of() : applyStatefulSet(objects.statefulSet(), writes);
        return new NodeRun(writes, ready(orderer), storage);
    }

    /**
     * A StatefulSet's serviceName cannot change (the API server refuses the patch), and nodes made
     * before the headless governing Service was split off name the client Service. Such a
     * StatefulSet is deleted with its pods and claims left in place (orphaned) and made again on
     * the next pass, which the deletion's watch event brings; the new one adopts the pod and rolls it.
     * While the deletion is under way nothing is written.
     *
     * @return true when the StatefulSet is being replaced and must not be applied in this pass
     */
    private boolean replacedForGoverningService(StatefulSet desired, List<Applier.Outcome> writes) {
        StatefulSet existing = client.apps().statefulSets().inNamespace(desired.getMetadata().getNamespace())
                .withName(desired.getMetadata().getName()).get();
        if (existing == null) {
            return false;
        }
        if (existing.getMetadata().getDeletionTimestamp() != null) {
            return true;
        }
        if (java.util.Objects.equals(existing.getSpec().getServiceName(), desired.getSpec().getServiceName())) {
            return false;
        }
        client.apps().statefulSets().inNamespace(desired.getMetadata().getNamespace()).withName(desired.getMetadata().getName())
                .withPropagationPolicy(DeletionPropagation.ORPHAN).delete();
        writes.add(Applier.Outcome.DELETED);
        return true;
    }

    /** The Service's fully qualified name, which the node's TLS certificate carries. */
    @Override
    public Optional<OrdererAddresses> ordererAddresses(OrdererNode orderer) {
        String host = OrdererNodeBuilder.host(orderer.getMetadata().getName(), orderer.getMetadata().getNamespace(), platform);
        return Optional.of(new OrdererAddresses(new HostPort(host, OrdererNodeBuilder.CLIENT_PORT),
                new HostPort(host, OrdererNodeBuilder.CLUSTER_PORT), URI.create("https://" + host + ":" + OrdererNodeBuilder.ADMIN_PORT)));
    }

    @Override
    public Optional<HostPort> peerAddress(PeerNode peer) {
        String endpoint = PeerNodeBuilder.endpoint(peer.getMetadata().getName(), peer.getMetadata().getNamespace(), platform);
        return Optional.of(new HostPort(endpoint.substring(0, endpoint.lastIndexOf(':')), PeerNodeBuilder.PEER_PORT));
    }

    /** Service names only: nodes are reached through their Services. */
    @Override
    public List<String> tlsHosts() {
        return List.of();
    }

    @Override
    public NodeRun removePeer(PeerNode peer) {
        List<Applier.Outcome> writes = removeNodeObjects(peer);
        writes.add(deleteIfOwn(named(new Secret(), peer, PeerNodeBuilder.couchdbSecret(peer.getMetadata().getName())), peer));
        return new NodeRun(writes, false);
    }

    @Override
    public NodeRun removeOrderer(OrdererNode orderer) {
        return new NodeRun(removeNodeObjects(orderer), false);
    }

    /**
     * The StatefulSet with its existing claim templates (they cannot change), its claims grown where
     * asked and allowed; what cannot change is returned for the node's status.
     */
    private List<StatefulSetClaims.Refusal> applyStatefulSet(StatefulSet desired, List<Applier.Outcome> writes) {
        StatefulSetClaims.Result claims = new StatefulSetClaims(client).reconcile(desired);
        writes.addAll(claims.writes());
        writes.add(claims.blocked() ? Applier.Outcome.UNCHANGED : applier.apply(desired));
        return claims.refusals();
    }

    private void applyMaterial(NodeMaterial material, List<Applier.Outcome> writes) {
        writes.add(applier.apply(material.secret()));
        writes.add(applier.apply(material.configMap()));
    }

    /** Objects are named after the node; the material's names come from the PKI's naming. */
    private List<Applier.Outcome> removeNodeObjects(HasMetadata node) {
        String name = node.getMetadata().getName();
        List<Applier.Outcome> writes = new ArrayList<>();
        writes.add(applier.delete(named(new StatefulSet(), node, name)));
        writes.add(applier.delete(named(new Service(), node, name)));
        writes.add(applier.delete(named(new Service(), node, NodeParts.governingServiceName(name))));
        writes.add(deleteIfOwn(named(new Secret(), node, io.baas.pki.k8s.NodeMaterialBuilder.secretName(name)), node));
        writes.add(deleteIfOwn(named(new ConfigMap(), node, io.baas.pki.k8s.NodeMaterialBuilder.configMapName(name)), node));
        return writes;
    }

    /** Deletes the node's own object under that name; anything else there (not controlled by this node) stays. */
    private Applier.Outcome deleteIfOwn(HasMetadata named, HasMetadata node) {
        HasMetadata existing = client.resource(named).get();
        if (existing == null || !NodeParts.controlledBy(existing, node)) {
            return Applier.Outcome.ABSENT;
        }
        return applier.delete(named);
    }

    private static <T extends HasMetadata> T named(T object, HasMetadata node, String name) {
        object.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(node.getMetadata().getNamespace()).build());
        return object;
    }

    private boolean ready(HasMetadata node) {
        StatefulSet set = client.apps().statefulSets().inNamespace(node.getMetadata().getNamespace())
                .withName(node.getMetadata().getName()).get();
        return set != null && set.getStatus() != null && Integer.valueOf(1).equals(set.getStatus().getReadyReplicas());
    }

    private void ensureCouchdbCredentials(PeerNode peer, List<Applier.Outcome> writes) {
        String name = PeerNodeBuilder.couchdbSecret(peer.getMetadata().getName());
        Secret existing = client.secrets().inNamespace(peer.getMetadata().getNamespace()).withName(name).get();
        if (existing != null) {
            if (!NodeParts.controlledBy(existing, peer)) {
                throw new IllegalStateException("Secret " + peer.getMetadata().getNamespace() + "/" + name
                        + " exists and is not this peer's; its credentials are not used, and it is left alone.");
            }
            writes.add(Applier.Outcome.UNCHANGED);
            return; // random once: re-applying would change the password under a running CouchDB
        }
        byte[] password = new byte[24];
        new SecureRandom().nextBytes(password);
        Secret secret = new SecretBuilder().withNewMetadata().withName(name).withNamespace(peer.getMetadata().getNamespace())
                .withOwnerReferences(NodeParts.owner(peer)).endMetadata()
                .addToStringData("username", "peer")
                .addToStringData("password", Base64.getUrlEncoder().withoutPadding().encodeToString(password))
                .build();
        client.secrets().resource(secret).create();
        writes.add(Applier.Outcome.CREATED);
    }
}
