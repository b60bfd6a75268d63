package io.baas.reconcile;

import io.baas.crd.Channel;
import io.baas.crd.ConditionReason;
import io.baas.crd.Consortium;
import io.baas.crd.Organization;
import io.baas.crd.PeerNode;
import io.baas.fabric.admin.FabricAdminException;
import io.baas.fabric.admin.OrdererAdminClient;
import io.baas.fabric.admin.OrdererAdminHttpClients;
import io.baas.fabric.admin.OrdererClient;
import io.baas.fabric.configtx.GenesisBlocks;
import io.baas.fabric.identity.Signer;
import io.baas.k8s.Applier;
import io.baas.k8s.StatusWriter;
import io.baas.k8s.build.ChannelGenesisConfigMap;
import io.baas.k8s.build.PlatformSettings;
import io.baas.keyuse.KeyAction;
import io.baas.keyuse.KeyUse;
import io.baas.keyuse.KeyUseLog;
import io.baas.keyuse.KeyUseNotRecordedException;
import io.baas.pki.Identity;
import io.baas.pki.Pem;
import io.baas.reconcile.ChannelNetwork.ServingOrderer;
import io.baas.runtime.NodeRuntime;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hyperledger.fabric.protos.common.Block;

/**
 * Creates a Channel on its orderers, in named steps: check that its organizations are members of
 * its consortium; find the orderers that serve it (their identities held, their addresses known);
 * make its genesis block once and keep it (a ConfigMap owned by the Channel: the same block on
 * every pass, so an orderer that restarts or joins later gets the same channel); join each orderer
 * through the participation API as the ordering organization's admin; join each member's peers
 * with cscc JoinChain as that member's admin; write the status once. Peers that do not answer yet
 * are waited for (the pass asks to be run again), not counted as failures. Every join and config
 * update is put on record (key_use, actor system:reconciler, cause this Channel) before the held
 * key signs it; a use that cannot be recorded does not happen.
 */
public class ChannelReconciler {

    /** Reasons that are a matter of time (nodes starting), not of a wrong spec: Progressing, and look again. */
    private static final Set<ConditionReason> WAITING = Set.of(ConditionReason.ORDERERS_NOT_READY, ConditionReason.ANCHOR_PEERS_NOT_READY);

    private final ReconcileTimings timings;
    private final KubernetesClient client;
    private final NodeRuntime runtime;
    private final Clock clock;
    private final NodeCustody custody;
    private final ChannelNetwork network;
    private final KeyUseLog keyUses;
    private final OrdererAdminHttpClients adminClients;

    /**
     * @param keyUses where every use of a held admin key is put on record first (fail closed)
     * @param adminClients the shared clients of orderers' admin endpoints
     */
    public ChannelReconciler(KubernetesClient client, NodeRuntime runtime, PlatformSettings platform, Clock clock, KeyUseLog keyUses,
                             OrdererAdminHttpClients adminClients) {
        this(client, runtime, platform, clock, keyUses, adminClients, ReconcileTimings.DEFAULTS);
    }

    public ChannelReconciler(KubernetesClient client, NodeRuntime runtime, PlatformSettings platform, Clock clock, KeyUseLog keyUses,
                             OrdererAdminHttpClients adminClients, ReconcileTimings timings) {
        this.timings = timings;
        this.client = client;
        this.runtime = runtime;
        this.clock = clock;
        this.keyUses = keyUses;
        this.adminClients = adminClients;
        this.custody = new NodeCustody(client, platform, clock, timings.fabricCaCall());
        this.network = new ChannelNetwork(client, runtime, custody, timings, clock, keyUses);
    }

    /** The steps of a pass, in the order they run; a failure names its step in the condition and the Event. */
    enum Step {
        READ_CONSORTIUM, READ_MEMBERS, FIND_ORDERERS, MAKE_GENESIS, JOIN_ORDERERS, JOIN_PEERS, CONVERGE_CONFIG
    }

    public ReconcileResult reconcile(String namespace, String name) {
        Channel channel = client.resources(Channel.class).inNamespace(namespace).withName(name).get();
        Map<Applier.Outcome, Integer> outcomes = new EnumMap<>(Applier.Outcome.class);
        if (channel == null || Finalizers.deleting(channel)) {
            return new ReconcileResult(outcomes, true);
        }
        Steps<Step> steps = new Steps<>();
        try {
            Consortium consortium = steps.get(Step.READ_CONSORTIUM, () -> network.consortium(channel));
            List<Organization> members = steps.get(Step.READ_MEMBERS, () -> network.organizations(channel.getSpec().organizations));
            List<ServingOrderer> orderers = steps.get(Step.FIND_ORDERERS, () -> network.servingOrderers(channel, consortium));
            Block genesis = steps.get(Step.MAKE_GENESIS, () -> genesis(channel, consortium, members, orderers, outcomes));
            OrdererJoins ordererJoins = steps.get(Step.JOIN_ORDERERS, () -> joinOrderers(channel, orderers, genesis, outcomes));
            PeerJoins peers = steps.get(Step.JOIN_PEERS, () -> joinPeers(channel, consortium, members, genesis, outcomes));
            if (!peers.waiting().isEmpty()) {
                writeStatus(channel, ordererJoins, null, peers, null);
                return new ReconcileResult(outcomes, false, timings.peerWait());
            }
            long configSequence = steps.get(Step.CONVERGE_CONFIG, () -> converge(channel, consortium, members, orderers, outcomes));
            writeStatus(channel, ordererJoins, configSequence, peers, null);
        } catch (RuntimeException e) {
            ReconcileException failure = steps.failure(classified(e));
            if (WAITING.contains(failure.reason())) {
                writeWaiting(channel, failure);
                return new ReconcileResult(outcomes, false, timings.peerWait());
            }
            writeStatus(channel, null, null, null, failure);
            throw failure;
        }
        return new ReconcileResult(outcomes, false);
    }

    /** Failures of the Fabric admin calls and of the key-use record, with the reasons the condition gives them. */
    private static RuntimeException classified(RuntimeException e) {
        if (e instanceof FabricAdminException f) {
            return new ReconcileException(f.reason() == FabricAdminException.Reason.REFUSED
                    ? ConditionReason.ORDERER_REFUSED : ConditionReason.ORDERER_UNAVAILABLE, f.getMessage());
        }
        if (e instanceof KeyUseNotRecordedException k) {
            return new ReconcileException(ConditionReason.KEY_USE_NOT_RECORDED, k.getMessage());
        }
        return e;
    }

    /** The orderers that serve the channel and the height of its chain on them. */
    record OrdererJoins(List<String> joined, long height) {
    }

    private OrdererJoins joinOrderers(Channel channel, List<ServingOrderer> orderers, Block genesis, Map<Applier.Outcome, Integer> outcomes) {
        List<String> joined = new ArrayList<>();
        long height = 0;
        for (ServingOrderer orderer : orderers) {
            OrdererAdminClient admin = adminClient(orderer);
            OrdererAdminClient.JoinOutcome outcome = OrdererAdminClient.JoinOutcome.ALREADY_JOINED;
            if (admin.get(channel.getSpec().channelId).isEmpty()) {
                keyUses.record(KeyUse.byReconciler(orderer.organization().getMetadata().getName(), NodeCustody.PLATFORM_ADMIN,
                        KeyAction.JOIN_ORDERER, cause(channel), "join orderer " + orderer.node().getMetadata().getName()
                                + " to channel " + channel.getSpec().channelId));
                outcome = admin.join(genesis);
            }
            if (outcome == OrdererAdminClient.JoinOutcome.ALREADY_JOINED) {
                ChannelNetwork.requireSameGenesis("Orderer " + orderer.node().getMetadata().getName(), channel.getSpec().channelId,
                        firstBlock(orderer, channel.getSpec().channelId), genesis);
            }
            ReconcileResult.count(outcomes, outcome == OrdererAdminClient.JoinOutcome.JOINED
                    ? Applier.Outcome.CREATED : Applier.Outcome.UNCHANGED);
            joined.add(orderer.node().getMetadata().getName());
            height = Math.max(height, admin.get(channel.getSpec().channelId).map(OrdererAdminClient.ChannelInfo::height).orElse(0L));
        }
        return new OrdererJoins(joined, height);
    }

    /** Peers joined ("organization/peer") and peers waited for, with why. */
    record PeerJoins(List<String> joined, List<String> waiting) {
    }

    private PeerJoins joinPeers(Channel channel, Consortium consortium, List<Organization> members, Block genesis,
                                Map<Applier.Outcome, Integer> outcomes) {
        Map<String, String> namespaces = consortium.getStatus() == null || consortium.getStatus().namespaces == null
                ? Map.of() : consortium.getStatus().namespaces;
        List<String> joined = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (Organization member : members) {
            String organization = member.getMetadata().getName();
            String namespace = namespaces.get(organization);
            if (namespace == null) {
                waiting.add(organization + " (no namespace yet)");
                continue;
            }
            List<PeerNode> peers = Siblings.peers(client, namespace, organization);
            if (peers.isEmpty()) {
                continue;
            }
            for (PeerJoin join : network.joinPeers(channel, member, peers, genesis, true, peer -> KeyUse.byReconciler(organization,
                    NodeCustody.PLATFORM_ADMIN, KeyAction.JOIN_PEER, cause(channel), "join peer " + organization + "/" + peer
                            + " to channel " + channel.getSpec().channelId))) {
                String name = organization + "/" + join.peer();
                switch (join.outcome()) {
                    case JOINED, ALREADY_JOINED -> {
                        ReconcileResult.count(outcomes, join.outcome() == PeerJoin.Outcome.JOINED ? Applier.Outcome.CREATED : Applier.Outcome.UNCHANGED);
                        joined.add(name);
                    }
                    case NOT_RUNNING -> waiting.add(name + " (not running)");
                    default -> waiting.add(name + " (unreachable)");
                }
            }
        }
        return new PeerJoins(joined, waiting);
    }


    /** Made once and kept: a second genesis block would be another channel (its hash, its timestamp). */
    /**
     * The channel ID's one genesis block: the one kept in its ConfigMap (which outlives the Channel
     * resource), else one written before blocks were kept per ID (owned by this Channel), else a new one.
     */
    private Block genesis(Channel channel, Consortium consortium, List<Organization> members, List<ServingOrderer> orderers,
                          Map<Applier.Outcome, Integer> outcomes) {
        String namespace = channel.getMetadata().getNamespace();
        String channelId = channel.getSpec().channelId;
        String name = ChannelGenesisConfigMap.name(channelId);
        ConfigMap stored = client.configMaps().inNamespace(namespace).withName(name).get();
        if (stored != null && ChannelGenesisConfigMap.keeps(stored, channelId)) {
            ReconcileResult.count(outcomes, Applier.Outcome.UNCHANGED);
            return ChannelGenesisConfigMap.block(stored).orElseThrow(() -> new ReconcileException(ConditionReason.GENESIS_CORRUPT,
                    "ConfigMap " + name + " does not hold the genesis block of channel " + channelId + "."));
        }
        Optional<Block> earlier = Optional.ofNullable(stored).filter(c -> ownedBy(c, channel)).flatMap(ChannelGenesisConfigMap::block)
                .or(() -> Optional.ofNullable(client.configMaps().inNamespace(namespace).withName(channel.getMetadata().getName() + "-genesis").get())
                        .filter(c -> ownedBy(c, channel)).flatMap(ChannelGenesisConfigMap::block));
        if (stored != null && earlier.isEmpty()) {
            throw new ReconcileException(ConditionReason.NAME_TAKEN, "ConfigMap " + name + " in " + namespace
                    + " is not this service's record of channel " + channelId + "'s genesis block; it is left as it is.");
        }
        Block genesis = earlier.orElseGet(() -> GenesisBlocks.create(network.describe(channel, consortium, members, orderers), clock));
        ConfigMap kept = ChannelGenesisConfigMap.build(namespace, consortium.getMetadata().getName(), channelId, genesis);
        if (stored != null) {
            client.configMaps().resource(kept).update();
            ReconcileResult.count(outcomes, Applier.Outcome.PATCHED);
        } else {
            client.configMaps().resource(kept).create();
            ReconcileResult.count(outcomes, Applier.Outcome.CREATED);
        }
        return genesis;
    }

    private static boolean ownedBy(ConfigMap configMap, Channel channel) {
        return configMap.getMetadata().getOwnerReferences() != null && configMap.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> "Channel".equals(o.getKind()) && channel.getMetadata().getUid() != null
                        && channel.getMetadata().getUid().equals(o.getUid()));
    }

    /** Block 0 of the channel as the orderer serves it, read as its organization's admin. */
    private Block firstBlock(ServingOrderer orderer, String channelId) {
        try (OrdererClient ordering = network.ordering(orderer)) {
            var delivery = ordering.deliver(io.baas.fabric.admin.SeekRequests.block(network.signer(orderer.organization()), channelId, clock.instant(), 0));
            if (delivery.blocks().isEmpty()) {
                throw new ReconcileException(ConditionReason.ORDERER_REFUSED, "Orderer " + orderer.node().getMetadata().getName()
                        + " did not deliver block 0 of channel " + channelId + " (" + delivery.status() + ").");
            }
            return delivery.blocks().get(0);
        }
    }

    /**
     * A live channel follows its resource, as far as one organization may act alone: when the
     * config the resource describes now differs from the orderer's latest only inside one
     * organization's own group (its anchor peers, its MSP after a CA renewal; ConfigUpdateScope),
     * the update is signed and submitted by that organization's platform-held admin alone, and only
     * when that signature satisfies the channel's mod policies. Any other difference (policies,
     * consenters, batch, other groups, several organizations at once, another organization's
     * anchor peers named by this Channel) needs the members' consent: the Channel is Degraded with
     * reason ProposalRequired and nothing is signed. Returns the config sequence.
     */
    private long converge(Channel channel, Consortium consortium, List<Organization> members, List<ServingOrderer> orderers,
                          Map<Applier.Outcome, Integer> outcomes) {
        org.hyperledger.fabric.protos.common.Config desired = io.baas.fabric.configtx.ChannelConfigBuilder.build(
                network.describe(channel, consortium, members, orderers));
        ServingOrderer orderer = orderers.get(0);
        String channelId = channel.getSpec().channelId;
        try (OrdererClient ordering = network.ordering(orderer)) {
            var configs = new io.baas.fabric.admin.ChannelConfigClient(ordering, clock);
            // Reading the config is the ordering organization's, whose orderers serve the channel.
            Signer reader = network.signer(orderer.organization());
            org.hyperledger.fabric.protos.common.Config current = configs.latest(reader, channelId);
            Optional<io.baas.fabric.admin.PendingConfigUpdate> update = io.baas.fabric.admin.PendingConfigUpdate.compute(channelId, current, desired);
            if (update.isEmpty()) {
                ReconcileResult.count(outcomes, Applier.Outcome.UNCHANGED);
                return current.getSequence();
            }
            io.baas.fabric.admin.PendingConfigUpdate pending = update.get();
            Organization actor = ownGroupActor(channel, consortium, members, orderers, current, pending);
            Signer admin = network.signer(actor);
            pending = pending.signedBy(admin);
            List<String> missing = pending.missingPolicies();
            if (!missing.isEmpty()) {
                throw new ReconcileException(PROPOSAL_REQUIRED, "The change of " + actor.getMetadata().getName()
                        + "'s own group in channel " + channelId + " needs more than its admin's signature (" + String.join(", ", missing)
                        + "): it needs a proposal the members sign. Nothing was submitted.");
            }
            keyUses.record(KeyUse.byReconciler(actor.getMetadata().getName(), NodeCustody.PLATFORM_ADMIN, KeyAction.SIGN_CONFIG_UPDATE,
                    cause(channel), "config update of channel " + channelId + " at sequence " + current.getSequence() + ": "
                            + String.join(", ", pending.scope().changed())));
            long sequence = configs.submit(pending.submission(admin, clock.instant()), reader, channelId, timings.adminCall())
                    .getSequence();
            ReconcileResult.count(outcomes, Applier.Outcome.PATCHED);
            return sequence;
        }
    }

    static final ConditionReason PROPOSAL_REQUIRED = ConditionReason.PROPOSAL_REQUIRED;

    /**
     * The organization whose own act the pending update is, or ProposalRequired. Another
     * organization's anchor peers come from that organization's own peers (its first peer); when
     * this Channel names them, whoever edits the Channel (its owner's side) would choose them.
     */
    private Organization ownGroupActor(Channel channel, Consortium consortium, List<Organization> members, List<ServingOrderer> orderers,
                                       org.hyperledger.fabric.protos.common.Config current,
                                       io.baas.fabric.admin.PendingConfigUpdate pending) {
        String channelId = channel.getSpec().channelId;
        io.baas.fabric.configtx.ConfigUpdateScope scope = pending.scope();
        io.baas.fabric.configtx.ConfigUpdateScope.OwnGroup own = scope.ownGroup().orElseThrow(() -> new ReconcileException(
                PROPOSAL_REQUIRED, "Channel " + channelId + " differs from its resource beyond one organization's own group ("
                + String.join(", ", scope.changed()) + "): that needs a proposal the members sign. Nothing was submitted."));
        List<Organization> candidates = new ArrayList<>(own.section().equals("Application") ? members
                : orderers.stream().map(ServingOrderer::organization).toList());
        Organization actor = candidates.stream().filter(o -> own.name().equals(o.getSpec().mspId)).findFirst()
                .orElseThrow(() -> new ReconcileException(PROPOSAL_REQUIRED, "Channel " + channelId + " would change the group "
                        + own.name() + ", which is no organization of this Channel. Nothing was submitted."));
        String name = actor.getMetadata().getName();
        boolean namedHere = channel.getSpec().anchorPeers != null && channel.getSpec().anchorPeers.containsKey(name);
        if (own.values().contains("AnchorPeers") && namedHere && !name.equals(channelOwner(channel, consortium))) {
            throw new ReconcileException(PROPOSAL_REQUIRED, "The anchor peers of " + name + " in channel " + channelId
                    + " are named by this Channel, which " + name + " does not own: only " + name
                    + " changes its anchor peers alone. Nothing was submitted.");
        }
        return actor;
    }

    /** The organization whose consortium namespace holds the Channel (from the Consortium's status, which only the service writes). */
    private static String channelOwner(Channel channel, Consortium consortium) {
        Map<String, String> namespaces = consortium.getStatus() == null || consortium.getStatus().namespaces == null
                ? Map.of() : consortium.getStatus().namespaces;
        return namespaces.entrySet().stream().filter(e -> e.getValue().equals(channel.getMetadata().getNamespace()))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private static String cause(Channel channel) {
        return "Channel " + channel.getMetadata().getNamespace() + "/" + channel.getMetadata().getName()
                + " (generation " + channel.getMetadata().getGeneration() + ")";
    }

    private OrdererAdminClient adminClient(ServingOrderer orderer) {
        Identity admin = custody.platformAdmin(orderer.organization());
        return adminClients.admin(orderer.addresses().admin(), Pem.certificates(orderer.organization().getStatus().tlsCaCertificate),
                admin.tls());
    }

    private void writeWaiting(Channel channel, ReconcileException waiting) {
        long generation = channel.getMetadata().getGeneration() == null ? 0 : channel.getMetadata().getGeneration();
        Channel.Status status = channel.getStatus() == null ? new Channel.Status() : channel.getStatus();
        status.phase = Channel.Status.Phase.WAITING;
        status.conditions = Conditions.progressing(status.conditions, generation, waiting.reason(), waiting.getMessage(), clock);
        StatusWriter.write(client, channel, stored -> ExplorerConditions.keepStored(status, stored));
    }

    private void writeStatus(Channel channel, OrdererJoins orderers, Long configSequence, PeerJoins peers, ReconcileException failure) {
        long generation = channel.getMetadata().getGeneration() == null ? 0 : channel.getMetadata().getGeneration();
        Channel.Status status = channel.getStatus() == null ? new Channel.Status() : channel.getStatus();
        if (failure == null) {
            status.orderersJoined = orderers.joined();
            status.peersJoined = peers.joined();
            status.height = orderers.height();
            if (configSequence != null) {
                status.configSequence = configSequence;
            }
            if (peers.waiting().isEmpty()) {
                status.phase = Channel.Status.Phase.READY;
                status.conditions = Conditions.ready(status.conditions, generation, ConditionReason.CHANNEL_READY,
                        count(orderers.joined().size(), "orderer") + " and " + count(peers.joined().size(), "peer") + " serve channel "
                                + channel.getSpec().channelId + ".", clock);
            } else {
                status.phase = Channel.Status.Phase.JOINING_PEERS;
                status.conditions = Conditions.progressing(status.conditions, generation, ConditionReason.JOINING_PEERS,
                        count(orderers.joined().size(), "orderer") + " serve channel " + channel.getSpec().channelId + "; waiting for "
                                + peers.waiting() + ".", clock);
            }
        } else {
            status.phase = Channel.Status.Phase.DEGRADED;
            status.conditions = Conditions.failed(status.conditions, generation, failure, clock);
        }
        StatusWriter.write(client, channel, stored -> ExplorerConditions.keepStored(status, stored));
    }

    /** "1 orderer", "3 orderers": condition messages people read. */
    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
