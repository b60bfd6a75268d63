package io.baas.livechannel;

import io.baas.consortium.ChannelService;
import io.baas.consortium.NamespaceOwners;
import io.baas.crd.CamelCase;
import io.baas.crd.Channel;
import io.baas.crd.Organization;
import io.baas.error.DomainException;
import io.baas.iam.Caller;
import io.baas.reconcile.ChannelConfigs;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * An organization's peers on a channel it is on, from its own consortium namespace: how each
 * stands (asked of the peer itself), and joining the running ones now rather than at the
 * reconciler's next pass, with its held admin (a key use on record as the user's).
 */
@ApplicationScoped
public class ChannelJoins {

    private final KubernetesClient client;
    private final ChannelService channels;
    private final NamespaceOwners owners;
    private final ChannelConfigs configs;

    ChannelJoins(KubernetesClient client, ChannelService channels, NamespaceOwners owners, ChannelConfigs configs) {
        this.client = client;
        this.channels = channels;
        this.owners = owners;
        this.configs = configs;
    }

    /** A peer of the organization with the channel: Joined, AlreadyJoined, NotJoined, NotRunning or Unreachable. */
    public record PeerJoinView(String organization, String peer, String state) {
    }

    /** The organization's peers, in the API's list shape. */
    public record PeerJoinList(List<PeerJoinView> items, int totalItems) {
        static PeerJoinList of(List<PeerJoinView> items) {
            return new PeerJoinList(items, items.size());
        }
    }

    public PeerJoinList peers(String namespace, String channelName) {
        return PeerJoinList.of(act(namespace, channelName, false, null));
    }

    public PeerJoinList join(String namespace, String channelName, Caller caller) {
        return PeerJoinList.of(act(namespace, channelName, true, caller.username()));
    }

    private List<PeerJoinView> act(String namespace, String channelName, boolean join, String actor) {
        Channel channel = channels.channel(namespace, channelName);
        String name = owners.require(namespace).organization();
        Organization organization = client.resources(Organization.class).withName(name).get();
        if (organization == null || organization.getStatus() == null || organization.getStatus().tlsCaCertificate == null) {
            throw DomainException.conflict("Organization " + name + " has no CA yet.");
        }
        return configs.peers(channel, organization, namespace, join, actor).stream()
                .map(p -> new PeerJoinView(name, p.peer(), CamelCase.of(p.outcome()))).toList();
    }
}
