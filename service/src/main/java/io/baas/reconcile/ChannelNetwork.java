package io.baas.reconcile;

import io.baas.channel.ChannelGenesis;
import io.baas.crd.Channel;
import io.baas.crd.ConditionReason;
import io.baas.crd.Consortium;
import io.baas.crd.OrdererNode;
import io.baas.crd.Organization;
import io.baas.crd.PeerNode;
import io.baas.fabric.admin.FabricAdminException;
import io.baas.fabric.admin.OrdererClient;
import io.baas.fabric.admin.PeerAdminClient;
import io.baas.fabric.configtx.ChannelDescription;
import io.baas.fabric.configtx.HostPort;
import io.baas.fabric.identity.EcdsaSigner;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.Signer;
import io.baas.k8s.build.ConsortiumNodes;
import io.baas.keyuse.KeyUse;
import io.baas.keyuse.KeyUseLog;
import io.baas.pki.Identity;
import io.baas.pki.Pem;
import io.baas.runtime.NodeRuntime;
import io.baas.runtime.OrdererAddresses;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.hyperledger.fabric.protos.common.Block;

/**
 * What a channel is made of, read from the cluster: its consortium, its member organizations
 * (their CAs issued), the orderers that serve it (identities held, addresses known) and the
 * config its resource describes with them. Shared by the Channel reconciler, which makes and
 * converges channels, and by proposals, which compute an update from a changed resource: both see
 * the same desired config, so an accepted proposal leaves nothing for the reconciler to undo.
 */
final class ChannelNetwork {

    private final KubernetesClient client;
    private final NodeRuntime runtime;
    private final NodeCustody custody;
    private final ReconcileTimings timings;
    private final Clock clock;
    private final KeyUseLog keyUses;

    ChannelNetwork(KubernetesClient client, NodeRuntime runtime, NodeCustody custody, ReconcileTimings timings, Clock clock,
                   KeyUseLog keyUses) {
        this.client = client;
        this.runtime = runtime;
        this.custody = custody;
        this.timings = timings;
        this.clock = clock;
        this.keyUses = keyUses;
    }

    /** An orderer that can take part: where it answers and its TLS certificate. */
    record ServingOrderer(OrdererNode node, Organization organization, OrdererAddresses addresses, Identity identity) {
    }

    Consortium consortium(Channel channel) {
        Consortium consortium = client.resources(Consortium.class).withName(channel.getSpec().consortium).get();
        if (consortium == null) {
            throw new ReconcileException(ConditionReason.CONSORTIUM_MISSING, "Consortium " + channel.getSpec().consortium + " does not exist.");
        }
        Set<String> members = consortium.getSpec().members.stream().map(m -> m.organization).collect(Collectors.toSet());
        List<String> strangers = channel.getSpec().organizations.stream().filter(o -> !members.contains(o)).toList();
        if (!strangers.isEmpty()) {
            throw new ReconcileException(ConditionReason.NOT_A_MEMBER, "Organizations " + strangers + " are not members of consortium "
                    + channel.getSpec().consortium + ".");
        }
        return consortium;
    }

    List<Organization> organizations(List<String> names) {
        List<Organization> organizations = new ArrayList<>();
        for (String name : names) {
            Organization organization = client.resources(Organization.class).withName(name).get();
            if (organization == null || organization.getStatus() == null || organization.getStatus().caCertificate == null) {
                throw new ReconcileException(ConditionReason.ORGANIZATION_MISSING, "Organization " + name + " does not exist or has no CA yet.");
            }
            organizations.add(organization);
        }
        return organizations;
    }

    /** The ordering organizations' orderers of this consortium, each with its identity held and its address known. */
    List<ServingOrderer> servingOrderers(Channel channel, Consortium consortium) {
        List<String> ordering = channel.getSpec().ordererOrganizations == null || channel.getSpec().ordererOrganizations.isEmpty()
                ? List.of(ConsortiumNodes.orderingOrganization(consortium)) : channel.getSpec().ordererOrganizations;
        List<OrdererNode> nodes = client.resources(OrdererNode.class).inAnyNamespace().list().getItems().stream()
                .filter(o -> o.getSpec() != null && consortium.getMetadata().getName().equals(o.getSpec().consortium))
                .filter(o -> ordering.contains(o.getSpec().organization) && !Finalizers.deleting(o) && Siblings.runnable(o))
                .sorted(Comparator.comparing((OrdererNode o) -> o.getMetadata().getNamespace()).thenComparing(o -> o.getMetadata().getName()))
                .toList();
        if (nodes.isEmpty()) {
            throw new ReconcileException(ConditionReason.NO_ORDERERS, "No orderer of " + ordering + " serves consortium " + consortium.getMetadata().getName() + ".");
        }
        List<ServingOrderer> serving = new ArrayList<>();
        for (OrdererNode node : nodes) {
            Organization organization = organizations(List.of(node.getSpec().organization)).get(0);
            Identity identity = custody.held(node, node.getSpec().organization).orElseThrow(() -> new ReconcileException(
                    ConditionReason.ORDERERS_NOT_READY, "Orderer " + node.getMetadata().getName() + " has no identity yet."));
            OrdererAddresses addresses = runtime.ordererAddresses(node).orElseThrow(() -> new ReconcileException(
                    ConditionReason.ORDERERS_NOT_READY, "Orderer " + node.getMetadata().getName() + " is not running yet."));
            serving.add(new ServingOrderer(node, organization, addresses, identity));
        }
        return serving;
    }

    /** The channel as its resource, its members and its orderers describe it now: the genesis block's, and later the config to converge on. */
    ChannelDescription describe(Channel channel, Consortium consortium, List<Organization> members,
                                                                List<ServingOrderer> orderers) {
        List<Organization> ordererOrganizations = orderers.stream().map(ServingOrderer::organization)
                .filter(distinctBy(o -> o.getMetadata().getName())).toList();
        List<ChannelGenesis.Orderer> consenters = orderers.stream().map(o -> new ChannelGenesis.Orderer(o.organization().getSpec().mspId,
                o.addresses().client(), o.addresses().cluster(), o.identity().tls().certificate())).toList();
        try {
            List<ChannelGenesis.Member> application = new ArrayList<>();
            for (Organization member : members) {
                application.add(member(member, anchorPeers(channel, consortium, member)));
            }
            return ChannelGenesis.describe(channel, application, ordererOrganizations.stream().map(o -> member(o, List.of())).toList(), consenters);
        } catch (ReconcileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ReconcileException(ConditionReason.INVALID_CHANNEL, "The channel's configuration cannot be built: " + e.getMessage());
        }
    }

    /**
     * A live channel follows
    /**
     * The member's anchor peers, by which other organizations' peers find it (discovery, the
     * gateway's endorsement across organizations): the PeerNodes the Channel names for it, else its
     * first peer. A named anchor peer that is not running yet is waited for: the genesis block is
     * made once.
     */
    List<HostPort> anchorPeers(Channel channel, Consortium consortium, Organization member) {
        String organization = member.getMetadata().getName();
        String namespace = consortium.getStatus() == null || consortium.getStatus().namespaces == null ? null
                : consortium.getStatus().namespaces.get(organization);
        if (namespace == null) {
            return List.of();
        }
        List<String> named = channel.getSpec().anchorPeers == null ? null : channel.getSpec().anchorPeers.get(organization);
        List<PeerNode> peers = Siblings.peers(client, namespace, organization);
        List<PeerNode> anchors = named == null || named.isEmpty() ? peers.stream().limit(1).toList()
                : peers.stream().filter(p -> named.contains(p.getMetadata().getName())).toList();
        if (named != null && anchors.size() < named.size()) {
            throw new ReconcileException(ConditionReason.ANCHOR_PEERS_NOT_READY, "Anchor peers " + named + " of " + organization + " do not all exist yet.");
        }
        List<HostPort> addresses = new ArrayList<>();
        for (PeerNode anchor : anchors) {
            addresses.add(runtime.peerAddress(anchor).orElseThrow(() -> new ReconcileException(ConditionReason.ANCHOR_PEERS_NOT_READY,
                    "Anchor peer " + anchor.getMetadata().getName() + " of " + organization + " is not running yet.")));
        }
        return addresses;
    }


    static ChannelGenesis.Member member(Organization organization, List<HostPort> anchorPeers) {
        return new ChannelGenesis.Member(organization.getSpec().mspId, organization.getStatus().caCertificate,
                organization.getStatus().tlsCaCertificate, anchorPeers);
    }


    Signer signer(Organization organization) {
        Identity admin = custody.platformAdmin(organization);
        return new EcdsaSigner(FabricIdentity.of(organization.getSpec().mspId, admin.signing().certificate()), admin.signing().privateKey());
    }


    static <T> Predicate<T> distinctBy(Function<T, String> key) {
        Set<String> seen = new HashSet<>();
        return t -> seen.add(key.apply(t));
    }

    /** A client of the orderer's Broadcast and Deliver services, trusting its organization's TLS CA. */
    OrdererClient ordering(ServingOrderer orderer) {
        HostPort address = orderer.addresses().client();
        return new OrdererClient(address.host(), address.port(), Pem.certificates(orderer.organization().getStatus().tlsCaCertificate),
                Optional.empty(), timings.adminCall());
    }

    /**
     * Each of the member's peers with the channel: running ones not on it are joined with the
     * channel's genesis block as the member's platform-held admin ({@code join}; the use recorded
     * first, as {@code use} describes it for the peer's name), or only looked at. A peer that
     * holds the channel from another genesis block is GenesisMismatch; one that refuses,
     * PeerRefused.
     */
    List<PeerJoin> joinPeers(Channel channel, Organization member, List<PeerNode> peers, Block genesis, boolean join,
                             Function<String, KeyUse> use) {
        String channelId = channel.getSpec().channelId;
        Signer signer = signer(member);
        List<PeerJoin> joins = new ArrayList<>();
        for (PeerNode peer : peers) {
            String name = peer.getMetadata().getName();
            Optional<HostPort> address = runtime.peerAddress(peer);
            if (address.isEmpty()) {
                joins.add(new PeerJoin(name, PeerJoin.Outcome.NOT_RUNNING));
                continue;
            }
            try (PeerAdminClient admin = new PeerAdminClient(address.get().host(), address.get().port(),
                    Pem.certificates(member.getStatus().tlsCaCertificate), timings.adminCall(), clock)) {
                if (admin.channels(signer).contains(channelId)) {
                    requireSameGenesis("Peer " + member.getMetadata().getName() + "/" + name, channelId, admin.block(signer, channelId, 0), genesis);
                    joins.add(new PeerJoin(name, PeerJoin.Outcome.ALREADY_JOINED));
                } else if (!join) {
                    joins.add(new PeerJoin(name, PeerJoin.Outcome.NOT_JOINED));
                } else {
                    keyUses.record(use.apply(name));
                    PeerAdminClient.JoinOutcome outcome = admin.joinChannel(signer, genesis);
                    if (outcome == PeerAdminClient.JoinOutcome.ALREADY_JOINED) {
                        requireSameGenesis("Peer " + member.getMetadata().getName() + "/" + name, channelId,
                                admin.block(signer, channelId, 0), genesis);
                    }
                    joins.add(new PeerJoin(name, outcome == PeerAdminClient.JoinOutcome.JOINED
                            ? PeerJoin.Outcome.JOINED : PeerJoin.Outcome.ALREADY_JOINED));
                }
            } catch (FabricAdminException e) {
                if (e.reason() != FabricAdminException.Reason.UNAVAILABLE) {
                    throw new ReconcileException(ConditionReason.PEER_REFUSED, e.getMessage());
                }
                joins.add(new PeerJoin(name, PeerJoin.Outcome.UNREACHABLE));
            }
        }
        return joins;
    }

    /**
     * A node that already served or held the channel must hold the same block 0 as the one kept here:
     * a different one was made for an earlier channel of this ID, and joining others from ours
     * would split the network.
     */
    static void requireSameGenesis(String node, String channelId, Block held, Block genesis) {
        if (!held.getHeader().equals(genesis.getHeader())) {
            throw new ReconcileException(ConditionReason.GENESIS_MISMATCH, node + " holds channel " + channelId + " from another genesis block (data hash "
                    + HexFormat.of().formatHex(held.getHeader().getDataHash().toByteArray()) + ") than the one kept for it ("
                    + HexFormat.of().formatHex(genesis.getHeader().getDataHash().toByteArray())
                    + "): it was made for an earlier channel of that ID. Remove the channel from that node, or restore its genesis block.");
        }
    }
}
