package io.baas.consortium;

import io.baas.crd.Channel;
import io.baas.crd.Consortium;
import io.baas.crd.NodeStatus;
import io.baas.crd.OrdererNode;
import io.baas.crd.Organization;
import io.baas.crd.PeerNode;
import io.baas.runtime.NodeHealth;
import io.baas.runtime.NodeHealthProbe;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Builds a consortium's overview from its resources, their status and the Events about them. */
@ApplicationScoped
public class ConsortiumOverviews {

    /** Enough to see what happened lately; the full history is in the Events and the audit trail. */
    static final int RECENT_EVENTS = 20;
    /** Where the API server keeps Events about cluster-scoped objects such as a Consortium. */
    private static final String CLUSTER_SCOPED_EVENTS = "default";

    private final KubernetesClient client;
    private final NodeHealthProbe probe;

    ConsortiumOverviews(KubernetesClient client, NodeHealthProbe probe) {
        this.client = client;
        this.probe = probe;
    }

    public ConsortiumOverview of(Consortium consortium) {
        String name = consortium.getMetadata().getName();
        Map<String, String> namespaces = namespaces(consortium);
        List<ConsortiumOverview.Member> members = consortium.getSpec().members.stream()
                .map(m -> new ConsortiumOverview.Member(m.organization, m.workspace, namespaces.get(m.organization), m.peers))
                .toList();
        List<CustomResource<?, NodeStatus>> resources = new ArrayList<>();
        for (Map.Entry<String, String> entry : namespaces.entrySet()) {
            resources.addAll(nodes(PeerNode.class, entry.getValue(), entry.getKey()));
            resources.addAll(nodes(OrdererNode.class, entry.getValue(), entry.getKey()));
        }
        List<ConsortiumOverview.Node> nodes = measured(resources);
        List<ConsortiumOverview.ChannelSummary> channels = client.resources(Channel.class).inAnyNamespace().list().getItems().stream()
                .filter(c -> c.getSpec() != null && name.equals(c.getSpec().consortium))
                .map(c -> new ConsortiumOverview.ChannelSummary(c.getMetadata().getName(), c.getMetadata().getNamespace(),
                        c.getSpec().channelId, c.getStatus() == null || c.getStatus().phase == null ? null : word(c.getStatus().phase),
                        c.getStatus() == null ? null : c.getStatus().height, c.getSpec().organizations, null))
                .sorted(Comparator.comparing(ConsortiumOverview.ChannelSummary::channelId))
                .toList();
        Consortium.Status status = consortium.getStatus();
        return new ConsortiumOverview(name, consortium.getSpec().displayName,
                consortium.getSpec().leader == null ? null : consortium.getSpec().leader.organization,
                status == null || status.phase == null ? null : word(status.phase), status == null ? List.of() : status.conditions,
                members, nodes, channels, nearestExpiry(consortium, nodes), events(consortium, namespaces.values()));
    }

    private <T extends CustomResource<?, NodeStatus>> List<T> nodes(Class<T> type, String namespace, String organization) {
        return client.resources(type).inNamespace(namespace).list().getItems().stream()
                .filter(node -> organization.equals(organizationOf(node)))
                .sorted(Comparator.comparing(node -> node.getMetadata().getName()))
                .toList();
    }

    /**
     * One node of the consortium as its operations endpoint answers now; a peer with how far it is
     * behind the consortium's orderers (asked too, side by side).
     */
    public ConsortiumOverview.Node node(Consortium consortium, CustomResource<?, NodeStatus> node) {
        List<CustomResource<?, NodeStatus>> asked = new ArrayList<>(List.of(node));
        if (node instanceof PeerNode) {
            namespaces(consortium).forEach((organization, namespace) -> asked.addAll(nodes(OrdererNode.class, namespace, organization)));
        }
        return measured(asked).get(0);
    }

    private static Map<String, String> namespaces(Consortium consortium) {
        return consortium.getStatus() == null || consortium.getStatus().namespaces == null ? Map.of() : consortium.getStatus().namespaces;
    }

    /**
     * The nodes as their operations endpoints answer now (all asked at once), each peer with how far
     * it is behind the consortium's orderers on each channel they both keep.
     */
    private List<ConsortiumOverview.Node> measured(List<CustomResource<?, NodeStatus>> resources) {
        Map<String, NodeHealth> health = probe.probeAll(resources, ConsortiumOverviews::key, ConsortiumOverviews::organizationOf);
        Map<String, Long> ordered = new HashMap<>();
        resources.stream().filter(OrdererNode.class::isInstance).map(node -> health.get(key(node)))
                .forEach(answer -> answer.heights().forEach((channel, height) -> ordered.merge(channel, height, Math::max)));
        return resources.stream().map(node -> {
            NodeHealth answer = health.get(key(node));
            Map<String, Long> behind = null;
            if (node instanceof PeerNode) {
                behind = new TreeMap<>();
                for (Map.Entry<String, Long> height : answer.heights().entrySet()) {
                    Long orderers = ordered.get(height.getKey());
                    if (orderers != null) {
                        behind.put(height.getKey(), Math.max(0, orderers - height.getValue()));
                    }
                }
            }
            return NodeService.summary(node, organizationOf(node), node.getStatus()).withHealth(answer, behind);
        }).toList();
    }

    private static String key(HasMetadata node) {
        return node.getKind() + "/" + node.getMetadata().getNamespace() + "/" + node.getMetadata().getName();
    }

    private static String organizationOf(Object node) {
        if (node instanceof PeerNode peer) {
            return peer.getSpec() == null ? null : peer.getSpec().organization;
        }
        OrdererNode orderer = (OrdererNode) node;
        return orderer.getSpec() == null ? null : orderer.getSpec().organization;
    }

    /** The earliest of the members' CA expiries and the nodes' certificate expiries (ISO-8601 instants sort as text). */
    private String nearestExpiry(Consortium consortium, List<ConsortiumOverview.Node> nodes) {
        Stream<String> cas = consortium.getSpec().members.stream()
                .map(m -> client.resources(Organization.class).withName(m.organization).get())
                .filter(Objects::nonNull)
                .map(o -> o.getStatus() == null ? null : o.getStatus().caNotAfter);
        return Stream.concat(cas, nodes.stream().map(ConsortiumOverview.Node::certificateNotAfter))
                .filter(Objects::nonNull)
                .min(Comparator.comparing(java.time.Instant::parse))
                .orElse(null);
    }

    /** The latest Events about the consortium and about anything in its namespaces, newest first. */
    private List<ConsortiumOverview.EventSummary> events(Consortium consortium, Collection<String> namespaces) {
        List<Event> events = new ArrayList<>();
        client.v1().events().inNamespace(CLUSTER_SCOPED_EVENTS).list().getItems().stream()
                .filter(e -> e.getInvolvedObject() != null && "Consortium".equals(e.getInvolvedObject().getKind())
                        && consortium.getMetadata().getName().equals(e.getInvolvedObject().getName()))
                .forEach(events::add);
        namespaces.forEach(namespace -> events.addAll(client.v1().events().inNamespace(namespace).list().getItems()));
        return events.stream()
                .sorted(Comparator.comparing(ConsortiumOverviews::time).reversed())
                .limit(RECENT_EVENTS)
                .map(e -> new ConsortiumOverview.EventSummary(e.getType(), e.getReason(), e.getMessage(),
                        e.getInvolvedObject() == null ? null : e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName(),
                        time(e)))
                .toList();
    }

    private static String time(Event event) {
        String time = event.getLastTimestamp() != null ? event.getLastTimestamp() : event.getFirstTimestamp();
        if (time == null && event.getEventTime() != null) {
            time = event.getEventTime().getTime();
        }
        return time == null ? "" : time;
    }

    /** A phase as its resource's status writes it (the enum's JSON name). */
    private static String word(Enum<?> phase) {
        return io.fabric8.kubernetes.client.utils.Serialization.jsonMapper().convertValue(phase, String.class);
    }
}
