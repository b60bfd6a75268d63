package io.baas.reconcile;

import io.baas.crd.PeerNode;
import io.baas.pki.DnsNames;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.List;

/**
 * The nodes a pass lists besides the one it works on (gossip bootstrap, channel joins, anchor
 * peers, chaincode installs, orderers of a channel). A node whose name cannot be a Service's never
 * runs (its own pass refuses it), so it is left out here: one bad resource must not hold up or
 * break its valid siblings.
 */
final class Siblings {

    private Siblings() {
    }

    /** Whether the node can run at all: its name is the Service, host name and TLS SAN it is reached by. */
    static boolean runnable(HasMetadata node) {
        return DnsNames.isServiceName(node.getMetadata().getName());
    }

    /** The organization's live, runnable peers in the namespace, by name. */
    static List<PeerNode> peers(KubernetesClient client, String namespace, String organization) {
        return client.resources(PeerNode.class).inNamespace(namespace).list().getItems().stream()
                .filter(p -> p.getSpec() != null && organization.equals(p.getSpec().organization))
                .filter(p -> !Finalizers.deleting(p) && runnable(p))
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .toList();
    }
}
