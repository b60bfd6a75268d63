package io.baas.runtime;

import io.baas.crd.OrdererNode;
import io.baas.crd.PeerNode;
import io.baas.k8s.build.OrdererNodeBuilder;
import io.baas.k8s.build.PeerNodeBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Where Fabric nodes run (docs/architecture.md). The reconcilers decide what a node is (its organization,
 * its held identity and material); a runtime makes it run and says whether it does. {@code
 * kubernetes} is the production runtime; the sandbox and host runtimes plug in here.
 */
public interface NodeRuntime {

    /** The name used in configuration ({@code baas.runtime.nodes}). */
    String name();

    /** Makes the peer run as its custom resource describes; idempotent. */
    NodeRun runPeer(PeerNode peer, PeerNodeBuilder.Inputs inputs, NodeIdentity identity);

    /** Makes the orderer run as its custom resource describes; idempotent. */
    NodeRun runOrderer(OrdererNode orderer, OrdererNodeBuilder.Inputs inputs, NodeIdentity identity);

    /** Where the orderer answers; empty while this runtime cannot say (not running yet). */
    java.util.Optional<OrdererAddresses> ordererAddresses(OrdererNode orderer);

    /** Where the peer's Endorser, Deliver and Gateway answer; empty while this runtime cannot say. */
    java.util.Optional<io.baas.fabric.configtx.HostPort> peerAddress(PeerNode peer);

    /** Names and addresses the nodes' TLS certificates must carry besides their Service names. */
    java.util.List<String> tlsHosts();

    /** Stops the peer and removes what this runtime made for it; what is already gone is fine. */
    NodeRun removePeer(PeerNode peer);

    /** Stops the orderer and removes what this runtime made for it; what is already gone is fine. */
    NodeRun removeOrderer(OrdererNode orderer);

    /**
     * The node's log lines (a PeerNode's or an OrdererNode's), as its container writes them: the
     * lines the query selects, one item per line, then, when it follows, each new line until the
     * subscriber cancels. Fails with a 409 when the node does not run (yet).
     */
    io.smallrye.mutiny.Multi<String> logs(HasMetadata node, LogQuery query);

    /**
     * A chaincode server's log lines (one of the server's pods where it has several, as {@code
     * kubectl logs deployment/...} picks one), selected and followed as {@link #logs} does. Fails
     * with a 409 when the server does not run (yet).
     *
     * @param server the server's Deployment, as the chaincode's reconciler wrote it
     */
    io.smallrye.mutiny.Multi<String> chaincodeServerLogs(io.fabric8.kubernetes.api.model.apps.Deployment server, LogQuery query);

    /**
     * Where the node's operations endpoint answers ({@code /healthz}, {@code /metrics}: Fabric's
     * operations service); empty while this runtime cannot say (not running yet).
     */
    java.util.Optional<java.net.URI> operations(HasMetadata node);

    /**
     * What this runtime knows of why the node does not serve (its process stopped, its container
     * waits or ended), to say beside a health check that found it down; empty when it knows nothing
     * wrong.
     */
    default java.util.Optional<String> whyNotServing(HasMetadata node) {
        return java.util.Optional.empty();
    }

    /**
     * Gives this runtime's peers what they need to run a package before it is installed: nothing
     * on Kubernetes (the chaincode's server is a Deployment of its image); the sandbox stages the
     * package's jar so that its peers run it as a process of its own.
     */
    default void stageChaincode(io.baas.chaincode.StoredChaincodePackage stored) {
    }

    /**
     * Why this runtime can run no node at all (the host runtime without a usable Fabric release),
     * said on every consortium's status; empty when it can.
     */
    default java.util.Optional<String> unavailable() {
        return java.util.Optional.empty();
    }
}
