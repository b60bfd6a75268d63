package io.baas.consortium;

import io.baas.crd.BaasResource;
import io.baas.crd.NodeStatus;
import io.baas.crd.OrdererNode;
import io.baas.crd.PeerNode;
import io.baas.crd.StateDatabase;
import io.baas.crd.Storage;
import io.baas.error.DomainException;
import io.baas.k8s.Creates;
import io.baas.k8s.Edits;
import io.baas.k8s.build.ChaincodeServerBuilder;
import io.baas.k8s.build.ConsortiumNodes;
import io.baas.runtime.LogQuery;
import io.baas.runtime.NodeMetricsHistory;
import io.baas.runtime.NodeRuntime;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * A member's nodes in its consortium namespace: it adds, resizes and removes its own peers; the
 * ordering organization resizes its orderers (how many there are is the consortium's to say).
 * Only the custom resources are written; the reconcilers run the nodes and report in the status.
 * A node is found in the namespace the caller named and must belong to the organization the
 * consortium recorded for it.
 */
@ApplicationScoped
public class NodeService {

    /** How many logs may be followed at once on this replica: each holds a stream (and on Kubernetes a thread). */
    static final int MAX_FOLLOWERS = 64;

    private final KubernetesClient client;
    private final NamespaceOwners owners;
    private final NodeRuntime runtime;
    private final NodeMetricsHistory history;
    private final ConsortiumOverviews overviews;
    private final Semaphore followers = new Semaphore(MAX_FOLLOWERS);

    NodeService(KubernetesClient client, NamespaceOwners owners, NodeRuntime runtime, NodeMetricsHistory history,
                ConsortiumOverviews overviews) {
        this.overviews = overviews;
        this.client = client;
        this.owners = owners;
        this.runtime = runtime;
        this.history = history;
    }

    /** One of Fabric's metrics of the node over a range, from the Prometheus that scrapes it (503 when none is configured). */
    public <T extends CustomResource<?, ?>> NodeMetricsHistory.History metrics(String namespace, Class<T> type, String name, String metric,
                                                                              String range, String step) {
        return history.of(own(type, owners.require(namespace), name), metric, range, step);
    }

    /** Every peer and orderer of the platform, as the consortia's overviews list them (platform admins). */
    public List<ConsortiumOverview.Node> all() {
        java.util.stream.Stream<ConsortiumOverview.Node> peers = client.resources(PeerNode.class).inAnyNamespace().list().getItems().stream()
                .map(p -> summary(p, p.getSpec() == null ? null : p.getSpec().organization, p.getStatus()));
        java.util.stream.Stream<ConsortiumOverview.Node> orderers = client.resources(OrdererNode.class).inAnyNamespace().list().getItems()
                .stream().map(o -> summary(o, o.getSpec() == null ? null : o.getSpec().organization, o.getStatus()));
        return java.util.stream.Stream.concat(peers, orderers)
                .sorted(Comparator.comparing(ConsortiumOverview.Node::namespace).thenComparing(ConsortiumOverview.Node::name))
                .toList();
    }

    static ConsortiumOverview.Node summary(CustomResource<?, ?> node, String organization, io.baas.crd.NodeStatus status) {
        return new ConsortiumOverview.Node(node.getKind(), node.getMetadata().getName(), node.getMetadata().getNamespace(), organization,
                status == null || status.phase == null ? null
                        : io.fabric8.kubernetes.client.utils.Serialization.jsonMapper().convertValue(status.phase, String.class),
                status == null ? null : status.endpoints, status == null ? null : status.certificateNotAfter, null, null);
    }

    /** The namespace organization's peers; none in a namespace no consortium made. */
    public List<PeerNode> peers(String namespace) {
        Optional<NamespaceOwners.Owner> found = owners.of(namespace);
        if (found.isEmpty()) {
            return List.of();
        }
        NamespaceOwners.Owner owner = found.get();
        return client.resources(PeerNode.class).inNamespace(namespace).list().getItems().stream()
                .filter(peer -> peer.getSpec() != null && owner.organization().equals(peer.getSpec().organization))
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .toList();
    }

    public PeerNode peer(String namespace, String name) {
        return own(PeerNode.class, owners.require(namespace), name);
    }

    /** Adds a peer of the namespace's organization; 409 when the name is taken or the consortium declares it. */
    public PeerNode addPeer(String namespace, NewPeer request) {
        NamespaceOwners.Owner owner = owners.require(namespace);
        NodeSpecs.validate(request.storage(), request.resources());
        if (ConsortiumNodes.declaredPeerNames(owner.consortium(), owner.organization()).contains(request.name())) {
            throw DomainException.conflict("Consortium " + owner.consortium().getMetadata().getName() + " declares peer "
                    + request.name() + " for " + owner.organization() + "; choose another name.");
        }
        PeerNode peer = new PeerNode();
        peer.getMetadata().setName(request.name());
        peer.getMetadata().setNamespace(namespace);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(BaasResource.CONSORTIUM_LABEL, owner.consortium().getMetadata().getName());
        labels.put(BaasResource.ORGANIZATION_LABEL, owner.organization());
        labels.put("app.kubernetes.io/managed-by", "ks-baas");
        peer.getMetadata().setLabels(labels);
        PeerNode.Spec spec = new PeerNode.Spec();
        spec.organization = owner.organization();
        spec.version = owner.consortium().getSpec().fabricVersion;
        spec.stateDatabase = request.stateDatabase() == null ? StateDatabase.LEVELDB : request.stateDatabase();
        spec.storage = request.storage();
        spec.resources = request.resources() == null ? null : request.resources().toKubernetes();
        peer.setSpec(spec);
        return Creates.orConflict(() -> client.resources(PeerNode.class).inNamespace(namespace).resource(peer).create(),
                "A peer named " + request.name() + " already exists in " + namespace + ".");
    }

    public PeerNode changePeer(String namespace, String name, NodeChange change) {
        NodeSpecs.validate(change.storage(), change.resources());
        own(PeerNode.class, owners.require(namespace), name);
        return Edits.retryingConflicts(() -> client.resources(PeerNode.class).inNamespace(namespace).withName(name).edit(peer -> {
            peer.getSpec().storage = merged(peer.getSpec().storage, change.storage());
            if (change.resources() != null) {
                peer.getSpec().resources = change.resources().toKubernetes();
            }
            return peer;
        }));
    }

    /** Removes a peer the member added; one the consortium declares goes when the member's peer count is lowered. */
    public void removePeer(String namespace, String name) {
        NamespaceOwners.Owner owner = owners.require(namespace);
        PeerNode peer = own(PeerNode.class, owner, name);
        if (ConsortiumNodes.declaredBy(peer, owner.consortium().getMetadata().getName())) {
            throw DomainException.conflict("Peer " + name + " is declared by consortium " + owner.consortium().getMetadata().getName()
                    + "; lower the organization's peer count there to remove it.");
        }
        client.resources(PeerNode.class).inNamespace(namespace).withName(name).delete();
    }

    /** The namespace organization's orderers; none in a namespace no consortium made. */
    public List<OrdererNode> orderers(String namespace) {
        Optional<NamespaceOwners.Owner> found = owners.of(namespace);
        if (found.isEmpty()) {
            return List.of();
        }
        NamespaceOwners.Owner owner = found.get();
        return client.resources(OrdererNode.class).inNamespace(namespace).list().getItems().stream()
                .filter(orderer -> orderer.getSpec() != null && owner.organization().equals(orderer.getSpec().organization))
                .sorted(Comparator.comparing(o -> o.getMetadata().getName()))
                .toList();
    }

    public OrdererNode orderer(String namespace, String name) {
        return own(OrdererNode.class, owners.require(namespace), name);
    }

    public OrdererNode changeOrderer(String namespace, String name, NodeChange change) {
        NodeSpecs.validate(change.storage(), change.resources());
        own(OrdererNode.class, owners.require(namespace), name);
        return Edits.retryingConflicts(() -> client.resources(OrdererNode.class).inNamespace(namespace).withName(name).edit(orderer -> {
            orderer.getSpec().storage = merged(orderer.getSpec().storage, change.storage());
            if (change.resources() != null) {
                orderer.getSpec().resources = change.resources().toKubernetes();
            }
            return orderer;
        }));
    }

    /** The Kubernetes Events about a node, newest first: what the reconcilers and Kubernetes said. */
    public <T extends CustomResource<?, ?>> List<Event> events(String namespace, Class<T> type, String name) {
        String kind = own(type, owners.require(namespace), name).getKind();
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> e.getInvolvedObject() != null && kind.equals(e.getInvolvedObject().getKind())
                        && name.equals(e.getInvolvedObject().getName()))
                .sorted(Comparator.comparing((Event e) -> Objects.requireNonNullElse(e.getLastTimestamp(), "")).reversed())
                .toList();
    }

    /**
     * The node's log lines as its runtime has them (a pod's container log, a sandbox node's own
     * buffer), one item per line; following, new lines come until the caller leaves or the node
     * stops. 503 when {@link #MAX_FOLLOWERS} logs are followed already.
     */
    public <T extends CustomResource<?, ?>> Multi<String> logs(String namespace, Class<T> type, String name, LogQuery query) {
        T node = own(type, owners.require(namespace), name);
        return counted(query, () -> runtime.logs(node, query));
    }

    /**
     * A chaincode server's log lines (one of its pods'), as {@link #logs} reads a node's. The server
     * is found by name among those the service made for the namespace's organization: a Deployment
     * of that name made by anyone else is not one.
     */
    public Multi<String> chaincodeServerLogs(String namespace, String server, LogQuery query) {
        NamespaceOwners.Owner owner = owners.require(namespace);
        Deployment deployment = client.apps().deployments().inNamespace(owner.namespace()).withName(server).get();
        if (deployment == null || !ChaincodeServerBuilder.isServersObject(deployment, server)
                || !owner.organization().equals(deployment.getMetadata().getLabels().get(BaasResource.ORGANIZATION_LABEL))) {
            throw DomainException.notFound("Chaincode server " + server + " does not exist in " + owner.namespace() + ".");
        }
        return counted(query, () -> runtime.chaincodeServerLogs(deployment, query));
    }

    /** A followed log holds a permit while it is read, given back when it ends, however it ends; reads without following need none. */
    private Multi<String> counted(LogQuery query, java.util.function.Supplier<Multi<String>> lines) {
        if (!query.follow()) {
            return lines.get();
        }
        if (followers.availablePermits() == 0) {
            throw DomainException.unavailable("Too many logs are followed at once on this replica; try again later.");
        }
        return Multi.createFrom().deferred(() -> {
            if (!followers.tryAcquire()) {
                return Multi.createFrom().failure(DomainException.unavailable("Too many logs are followed at once on this replica."));
            }
            return lines.get().onTermination().invoke(followers::release);
        });
    }

    /**
     * The node as its operations endpoint answers now, with, for a peer, how far it is behind its
     * consortium's orderers on each channel (the consortium overview's row for it).
     */
    public <T extends CustomResource<?, NodeStatus>> ConsortiumOverview.Node health(String namespace, Class<T> type, String name) {
        NamespaceOwners.Owner owner = owners.require(namespace);
        return overviews.node(owner.consortium(), own(type, owner, name));
    }

    /** The node of this name in the namespace, if it is the namespace's organization's; 404 otherwise. */
    private <T extends CustomResource<?, ?>> T own(Class<T> type, NamespaceOwners.Owner owner, String name) {
        T node = client.resources(type).inNamespace(owner.namespace()).withName(name).get();
        if (node == null || !owner.organization().equals(organizationOf(node))) {
            throw DomainException.notFound((type == PeerNode.class ? "Peer " : "Orderer ") + name + " does not exist in "
                    + owner.namespace() + ".");
        }
        return node;
    }

    private static String organizationOf(CustomResource<?, ?> node) {
        if (node instanceof PeerNode peer) {
            return peer.getSpec() == null ? null : peer.getSpec().organization;
        }
        if (node instanceof OrdererNode orderer) {
            return orderer.getSpec() == null ? null : orderer.getSpec().organization;
        }
        return null;
    }

    private static Storage merged(Storage current, Storage change) {
        if (change == null) {
            return current;
        }
        Storage next = new Storage();
        next.size = change.size != null ? change.size : current == null ? null : current.size;
        next.storageClassName = change.storageClassName != null ? change.storageClassName : current == null ? null : current.storageClassName;
        return next;
    }
}
