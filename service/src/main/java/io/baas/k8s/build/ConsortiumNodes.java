package io.baas.k8s.build;

import io.baas.crd.BaasResource;
import io.baas.crd.Consortium;
import io.baas.crd.OrdererNode;
import io.baas.crd.PeerNode;
import io.baas.crd.Storage;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes a Consortium declares: {@code peers} per member (peer0, peer1, ... in the member's
 * namespace) and the ordering service's {@code nodes} (orderer0, ... in the namespace of the
 * organization that runs it). They are custom resources of their own, reconciled like the nodes a
 * member adds by hand; the label {@link #DECLARED_BY} tells the two apart, so scaling down never
 * removes a node the member made itself.
 */
public final class ConsortiumNodes {

    /** Value: the consortium's name. Only nodes carrying it are added and removed by the consortium. */
    public static final String DECLARED_BY = "baas.io/declared-by-consortium";

    private ConsortiumNodes() {
    }

    /** @param namespaces each member's namespace, as the consortium recorded it (organization to namespace) */
    public static List<PeerNode> peers(Consortium consortium, Map<String, String> namespaces) {
        List<PeerNode> peers = new ArrayList<>();
        for (Consortium.Member member : consortium.getSpec().members) {
            for (String name : peerNames(member)) {
                PeerNode peer = new PeerNode();
                peer.setMetadata(metadata(consortium, name, member.organization, namespaces));
                PeerNode.Spec spec = new PeerNode.Spec();
                spec.organization = member.organization;
                spec.version = consortium.getSpec().fabricVersion;
                spec.storage = storage(consortium);
                peer.setSpec(spec);
                peers.add(peer);
            }
        }
        return peers;
    }

    /** The names of the peers the consortium declares for this organization (none when it is no member). */
    public static List<String> declaredPeerNames(Consortium consortium, String organization) {
        return consortium.getSpec().members.stream()
                .filter(member -> member.organization.equals(organization))
                .findFirst()
                .map(ConsortiumNodes::peerNames)
                .orElse(List.of());
    }

    private static List<String> peerNames(Consortium.Member member) {
        int count = member.peers == null ? 0 : member.peers;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("peer" + i);
        }
        return names;
    }

    public static List<OrdererNode> orderers(Consortium consortium, Map<String, String> namespaces) {
        List<OrdererNode> orderers = new ArrayList<>();
        Consortium.OrderingService ordering = consortium.getSpec().orderingService;
        if (ordering == null) {
            return orderers;
        }
        String organization = orderingOrganization(consortium);
        int count = ordering.nodes == null ? 0 : ordering.nodes;
        for (int i = 0; i < count; i++) {
            OrdererNode orderer = new OrdererNode();
            orderer.setMetadata(metadata(consortium, "orderer" + i, organization, namespaces));
            OrdererNode.Spec spec = new OrdererNode.Spec();
            spec.organization = organization;
            spec.consortium = consortium.getMetadata().getName();
            spec.version = consortium.getSpec().fabricVersion;
            spec.storage = storage(consortium);
            orderer.setSpec(spec);
            orderers.add(orderer);
        }
        return orderers;
    }

    /** The organization that runs the ordering service: the one named, else the leader. */
    public static String orderingOrganization(Consortium consortium) {
        Consortium.OrderingService ordering = consortium.getSpec().orderingService;
        if (ordering != null && ordering.organization != null) {
            return ordering.organization;
        }
        return consortium.getSpec().leader.organization;
    }

    private static ObjectMeta metadata(Consortium consortium, String name, String organization, Map<String, String> namespaces) {
        String namespace = namespaces.get(organization);
        if (namespace == null) {
            throw new IllegalStateException("Organization " + organization + " has no recorded namespace in consortium "
                    + consortium.getMetadata().getName());
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(BaasResource.CONSORTIUM_LABEL, consortium.getMetadata().getName());
        labels.put(BaasResource.ORGANIZATION_LABEL, organization);
        labels.put(DECLARED_BY, consortium.getMetadata().getName());
        labels.put(ConsortiumNamespaces.MANAGED_BY, ConsortiumNamespaces.MANAGER);
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(labels)
                // A cluster-scoped owner of namespaced nodes: Kubernetes collects them with the consortium.
                .withOwnerReferences(NodeParts.owner(consortium))
                .build();
    }

    private static Storage storage(Consortium consortium) {
        Consortium.Placement placement = consortium.getSpec().placement;
        if (placement == null || placement.storageClassName == null) {
            return null;
        }
        Storage storage = new Storage();
        storage.storageClassName = placement.storageClassName;
        return storage;
    }

    /** True when the node was declared by that consortium (not added by a member by hand). */
    public static boolean declaredBy(HasMetadata node, String consortium) {
        Map<String, String> labels = node.getMetadata().getLabels();
        return labels != null && consortium.equals(labels.get(DECLARED_BY));
    }
}
