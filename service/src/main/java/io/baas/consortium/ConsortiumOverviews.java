package io.baas.consortium;

import io.baas.crd.Channel;
import io.baas.crd.Consortium;
import io.baas.crd.NodeStatus;
import io.baas.crd.OrdererNode;
import io.baas.crd.Organization;
import io.baas.crd.PeerNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** Builds a consortium's overview from its resources, their status and the Events about them. */
@ApplicationScoped
public class ConsortiumOverviews {

    /** Enough to see what happened lately; the full history is in the Events and the audit trail. */
    static final int RECENT_EVENTS = 20;
    /** Where the API server keeps Events about cluster-scoped objects such as a Consortium. */
    private static final String CLUSTER_SCOPED_EVENTS = "default";

    private final KubernetesClient client;

    ConsortiumOverviews(KubernetesClient client) {
        this.client = client;
    }

    public ConsortiumOverview of(Consortium consortium) {
        String name = consortium.getMetadata().getName();
        Map<String, String> namespaces = consortium.getStatus() == null || consortium.getStatus().namespaces == null
                ? Map.of() : consortium.getStatus().namespaces;
        List<ConsortiumOverview.Member> members = consortium.getSpec().members.stream()
                .map(m -> new ConsortiumOverview.Member(m.organization, m.workspace, namespaces.get(m.organization), m.peers))
                .toList();
        List<ConsortiumOverview.Node> nodes = new ArrayList<>();
        for (Map.Entry<String, String> entry : namespaces.entrySet()) {
            nodes.addAll(nodes(PeerNode.class, entry.getValue(), entry.getKey()));
            nodes.addAll(nodes(OrdererNode.class, entry.getValue(), entry.getKey()));
        }
        List<ConsortiumOverview.ChannelSummary> channels = client.resources(Channel.class).inAnyNamespace().list().getItems().stream()
                .filter(c -> c.getSpec() != null && name.equals(c.getSpec().consortium))
                .map(c -> new ConsortiumOverview.ChannelSummary(c.getMetadata().getName(), c.getMetadata().getNamespace(),
                        c.getSpec().channelId, c.getStatus() == null || c.getStatus().phase == null ? null : word(c.getStatus().phase),
                        c.getStatus() == null ? null : c.getStatus().height, c.getSpec().organizations))
                .sorted(Comparator.comparing(ConsortiumOverview.ChannelSummary::channelId))
                .toList();
        Consortium.Status status = consortium.getStatus();
        return new ConsortiumOverview(name, consortium.getSpec().displayName,
                consortium.getSpec().leader == null ? null : consortium.getSpec().leader.organization,
                status == null || status.phase == null ? null : word(status.phase), status == null ? List.of() : status.conditions,
                members, nodes, channels, nearestExpiry(consortium, nodes), events(consortium, namespaces.values()));
    }

    private <T extends CustomResource<?, NodeStatus>> List<ConsortiumOverview.Node> nodes(Class<T> type, String namespace, String organization) {
        return client.resources(type).inNamespace(namespace).list().getItems().stream()
                .filter(node -> organization.equals(organizationOf(node)))
                .sorted(Comparator.comparing(node -> node.getMetadata().getName()))
                .map(node -> NodeService.summary(node, organization, node.getStatus()))
                .toList();
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
