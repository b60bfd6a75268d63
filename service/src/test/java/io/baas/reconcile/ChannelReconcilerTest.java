package io.baas.reconcile;

import io.baas.crd.Chaincode;
import io.baas.crd.Channel;
import io.baas.crd.ConditionReason;
import io.baas.crd.Consortium;
import io.baas.crd.OrdererNode;
import io.baas.crd.Organization;
import io.baas.crd.PeerNode;
import io.baas.fabric.admin.OrdererAdminClient;
import io.baas.fabric.admin.OrdererClient;
import io.baas.fabric.admin.PeerAdminClient;
import io.baas.fabric.block.BlockDecoder;
import io.baas.fabric.identity.EcdsaSigner;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.Signer;
import io.baas.k8s.Applier;
import io.baas.pki.Identity;
import io.baas.pki.IdentityIssuer;
import io.baas.pki.IdentityRequest;
import io.baas.pki.IdentityRole;
import io.baas.pki.OrganizationCas;
import io.baas.runtime.OrdererAddresses;
import io.baas.runtime.SandboxNodeRuntime;
import io.baas.support.TestPlatform;
import io.baas.support.TradeFinance;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo.SeekBehavior;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Channel made real on orderers of the sandbox runtime: the consortium declares an orderer, the
 * orderer reconciler starts it as an in-process Fabric ordering node with its held identity, and
 * the channel reconciler builds the genesis block and joins it through the participation API.
 */
class ChannelReconcilerTest {

    private MockCluster cluster;
    private KubernetesClient client;
    private SandboxNodeRuntime runtime;
    private final io.baas.fabric.admin.OrdererAdminHttpClients ordererAdmins = new io.baas.fabric.admin.OrdererAdminHttpClients(java.time.Duration.ofSeconds(20));
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path jars;
    private final Map<String, OrganizationCas> cas = new LinkedHashMap<>();
    private ChannelReconciler channels;
    private final io.baas.support.RecordingKeyUseLog keyUses = new io.baas.support.RecordingKeyUseLog();
    private final io.baas.support.GrantedConsents consents = new io.baas.support.GrantedConsents();

    @BeforeEach
    void start() {
        cluster = new MockCluster(Organization.class, Consortium.class, PeerNode.class, OrdererNode.class, Channel.class,
                io.baas.crd.Chaincode.class);
        client = cluster.client;
        for (String name : List.of("bank-a", "bank-b", "port")) {
            cas.put(name, cluster.organization(name));
        }
        client.resources(Consortium.class).resource(TradeFinance.consortium()).create();

        io.baas.fabric.chaincode.BuiltInChaincodes.writeJars(jars);
        runtime = new SandboxNodeRuntime(Clock.systemUTC(), jars);
        new ConsortiumReconciler(client, new Applier(client), TestPlatform.SETTINGS, Clock.systemUTC()).reconcile("trade");
        new OrdererNodeReconciler(client, runtime, TestPlatform.SETTINGS, Clock.systemUTC()).reconcile("trade-bank-a", "orderer0");
        runPeers();
        channels = new ChannelReconciler(client, runtime, TestPlatform.SETTINGS, Clock.systemUTC(), keyUses, ordererAdmins);
    }

    private void runPeers() {
        PeerNodeReconciler peers = new PeerNodeReconciler(client, runtime, TestPlatform.SETTINGS, Clock.systemUTC());
        peers.reconcile("trade-bank-a", "peer0");
        peers.reconcile("trade-bank-b", "peer0");
    }

    private PeerNode peer(String namespace) {
        return client.resources(PeerNode.class).inNamespace(namespace).withName("peer0").get();
    }

    @AfterEach
    void stop() {
        ordererAdmins.close();
        runtime.close();
        cluster.close();
    }

    private void channel(String... organizations) {
        Channel channel = TradeFinance.channel(organizations);
        channel.getSpec().batch = new Channel.Batch();
        channel.getSpec().batch.maxMessageCount = 1;
        client.resources(Channel.class).resource(channel).create();
    }

    private Channel stored() {
        return client.resources(Channel.class).inNamespace("trade-bank-a").withName("trade-finance").get();
    }

    private OrdererAddresses orderer0() {
        return runtime.ordererAddresses(client.resources(OrdererNode.class).inNamespace("trade-bank-a").withName("orderer0").get())
                .orElseThrow();
    }

    @Test
    void theChannelIsCreatedOnTheOrderersAndItsMembersCanTransact() {
        channel("bank-a", "bank-b");
        ReconcileResult first = channels.reconcile("trade-bank-a", "trade-finance");
        assertThat(first.outcomes()).containsEntry(Applier.Outcome.CREATED, 4); // the genesis ConfigMap, one orderer and two peers joined
        assertThat(first.retryAfter()).isNull();
        Channel channel = stored();
        assertThat(channel.getStatus().orderersJoined).containsExactly("orderer0");
        assertThat(channel.getStatus().peersJoined).containsExactly("bank-a/peer0", "bank-b/peer0");
        assertThat(channel.getStatus().height).isEqualTo(1);
        assertThat(channel.getStatus().phase).isEqualTo(Channel.Status.Phase.READY);
        assertThat(channel.getStatus().conditions).filteredOn(c -> c.type.equals("Ready")).singleElement()
                .satisfies(c -> assertThat(c.reason).isEqualTo("ChannelReady"));
        try (PeerAdminClient bankBPeer = new PeerAdminClient("127.0.0.1", runtime.peerAddress(peer("trade-bank-b")).orElseThrow().port(),
                List.of(cas.get("bank-b").tlsCa().certificate()), Duration.ofSeconds(20), Clock.systemUTC())) {
            assertThat(bankBPeer.channels(user("bank-b"))).containsExactly("trade-finance");
        }

        ConfigMap genesis = client.configMaps().inNamespace("trade-bank-a").withName("trade-finance-genesis").get();
        assertThat(genesis.getMetadata().getOwnerReferences()).as("the block belongs to the channel ID, not to the resource").isNullOrEmpty();
        assertThat(genesis.getMetadata().getAnnotations()).containsEntry("baas.io/channel-id", "trade-finance");
        String block = genesis.getBinaryData().get(io.baas.k8s.build.ChannelGenesisConfigMap.BLOCK_KEY);

        // Each member's first peer is its anchor peer, at the address its runtime gave it.
        org.hyperledger.fabric.protos.common.ConfigGroup application = genesisConfig(block).getChannelGroup().getGroupsOrThrow("Application");
        for (String organization : List.of("bank-a", "bank-b")) {
            org.hyperledger.fabric.protos.peer.AnchorPeers anchors = parse(application.getGroupsOrThrow(MockCluster.mspId(organization))
                    .getValuesOrThrow("AnchorPeers").getValue());
            assertThat(anchors.getAnchorPeersList()).singleElement().satisfies(anchor -> {
                assertThat(anchor.getHost()).isEqualTo("127.0.0.1");
                assertThat(anchor.getPort()).isEqualTo(runtime.peerAddress(peer("trade-" + organization)).orElseThrow().port());
            });
        }

        // Every join was put on record before the held admin signed it, naming the Channel as its cause.
        assertThat(keyUses.summary()).containsExactly("bank-a join-orderer", "bank-a join-peer", "bank-b join-peer");
        assertThat(keyUses.uses()).allSatisfy(use -> {
            assertThat(use.actor()).isEqualTo("system:reconciler");
            assertThat(use.resource()).startsWith("Channel trade-bank-a/trade-finance");
            assertThat(use.identity()).isEqualTo("ks-baas-admin");
        });

        // A second pass joins nothing, signs nothing and keeps the very same genesis block.
        ReconcileResult again = channels.reconcile("trade-bank-a", "trade-finance");
        assertThat(again.writes()).isZero();
        assertThat(keyUses.uses()).hasSize(3);
        assertThat(client.configMaps().inNamespace("trade-bank-a").withName("trade-finance-genesis").get().getBinaryData())
                .containsEntry(io.baas.k8s.build.ChannelGenesisConfigMap.BLOCK_KEY, block);

        // The channel config carries the members' MSPs: bank-b's user can broadcast, a stranger cannot.
        try (OrdererClient orderer = new OrdererClient(orderer0().client().host(), orderer0().client().port(),
                List.of(cas.get("bank-a").tlsCa().certificate()), Optional.empty(), Duration.ofSeconds(20))) {
            Signer bankBUser = user("bank-b");
            assertThat(orderer.broadcast(io.baas.fabric.sandbox.OrdererClient.transaction(bankBUser, "trade-finance", Instant.now()))
                    .getStatus()).isEqualTo(Status.SUCCESS);
            assertThat(orderer.broadcast(io.baas.fabric.sandbox.OrdererClient.transaction(user("port"), "trade-finance", Instant.now()))
                    .getStatus()).isEqualTo(Status.FORBIDDEN);
            OrdererClient.Delivery delivery = orderer.deliver(io.baas.fabric.sandbox.OrdererClient.seek(bankBUser, "trade-finance",
                    Instant.now(), io.baas.fabric.sandbox.OrdererClient.oldest(), io.baas.fabric.sandbox.OrdererClient.block(1),
                    SeekBehavior.BLOCK_UNTIL_READY));
            assertThat(delivery.blocks()).hasSize(2);
            assertThat(BlockDecoder.decode(delivery.blocks().get(1)).transactions().get(0).creator().orElseThrow().mspId())
                    .isEqualTo("BANKBMSP");
        }
        // The platform acted as the ordering organization's admin, an identity it holds and lists like any other.
        assertThat(client.secrets().inNamespace("kubesphere-system").withName(io.baas.pki.k8s.IdentitySecret.name("bank-a", "ks-baas-admin")).get()).isNotNull();
    }

    @Test
    void anOrdererThatRestartedEmptyIsJoinedAgainWithTheSameGenesis() {
        channel("bank-a", "bank-b");
        channels.reconcile("trade-bank-a", "trade-finance");
        Map<String, String> genesisBefore = client.configMaps().inNamespace("trade-bank-a").withName("trade-finance-genesis").get()
                .getBinaryData();
        OrdererNode orderer = client.resources(OrdererNode.class).inNamespace("trade-bank-a").withName("orderer0").get();
        runtime.removeOrderer(orderer);
        new OrdererNodeReconciler(client, runtime, TestPlatform.SETTINGS, Clock.systemUTC()).reconcile("trade-bank-a", "orderer0");

        // The sandbox gives the restarted orderer new ports: it joins again with the same genesis, but
        // its moved consenter address is a change of the ordering service that the platform does not
        // sign on its own (ProposalRequired), so the pass ends there.
        int joinsBefore = keyUses.of(io.baas.keyuse.KeyAction.JOIN_ORDERER).size();
        assertThatThrownBy(() -> channels.reconcile("trade-bank-a", "trade-finance")).isInstanceOf(ReconcileException.class)
                .satisfies(e -> assertThat(((ReconcileException) e).reason()).isEqualTo(ConditionReason.PROPOSAL_REQUIRED))
                .hasMessageContaining("/Channel/Orderer/ConsensusType");
        OrdererAdminClient admin = new OrdererAdminClient(orderer0().admin(), List.of(cas.get("bank-a").tlsCa().certificate()),
                platformAdmin().tls(), Duration.ofSeconds(20));
        assertThat(admin.list()).containsExactly("trade-finance");
        assertThat(keyUses.of(io.baas.keyuse.KeyAction.JOIN_ORDERER)).hasSize(joinsBefore + 1);
        assertThat(keyUses.of(io.baas.keyuse.KeyAction.JOIN_PEER)).as("the peers had joined").hasSize(2);
        assertThat(client.configMaps().inNamespace("trade-bank-a").withName("trade-finance-genesis").get().getBinaryData())
                .as("the genesis kept").isEqualTo(genesisBefore);
    }

    private Map<String, String> genesisData() {
        return client.configMaps().inNamespace("trade-bank-a").withName("trade-finance-genesis").get().getBinaryData();
    }

    @Test
    void aDeletedAndRecreatedChannelKeepsTheBlockZeroItsNodesServe() {
        channel("bank-a", "bank-b");
        channels.reconcile("trade-bank-a", "trade-finance");
        Map<String, String> genesisBefore = genesisData();
        String uid = stored().getMetadata().getUid();
        client.resources(Channel.class).inNamespace("trade-bank-a").withName("trade-finance").delete();
        // What the garbage collector does once the Channel is gone: its dependents go with it.
        client.configMaps().inAnyNamespace().list().getItems().stream()
                .filter(c -> c.getMetadata().getOwnerReferences() != null
                        && c.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid())))
                .forEach(c -> client.configMaps().resource(c).delete());

        channel("bank-a", "bank-b");
        ReconcileResult again = channels.reconcile("trade-bank-a", "trade-finance");
        assertThat(again.outcomes()).doesNotContainKey(Applier.Outcome.CREATED);
        assertThat(genesisData()).as("the same block 0").isEqualTo(genesisBefore);
        assertThat(stored().getStatus().phase).isEqualTo(Channel.Status.Phase.READY);
    }

    @Test
    void aNodeThatServesAnotherBlockZeroDegradesTheChannel() {
        channel("bank-a", "bank-b");
        channels.reconcile("trade-bank-a", "trade-finance");
        // The kept block is lost (deleted by hand): a new one is made, which the orderer does not serve.
        client.configMaps().inNamespace("trade-bank-a").withName("trade-finance-genesis").delete();

        assertThatThrownBy(() -> channels.reconcile("trade-bank-a", "trade-finance")).isInstanceOf(ReconcileException.class)
                .satisfies(e -> assertThat(((ReconcileException) e).reason()).isEqualTo(ConditionReason.GENESIS_MISMATCH))
                .hasMessageContaining("Orderer orderer0 holds channel trade-finance from another genesis block");
        assertThat(stored().getStatus().conditions).filteredOn(c -> c.type.equals("Degraded")).singleElement()
                .satisfies(c -> assertThat(c.reason).isEqualTo("GenesisMismatch"));
    }

    @Test
    void aGenesisWrittenBeforeBlocksWereKeptPerChannelIdIsAdoptedNotReplaced() {
        channel("bank-a", "bank-b");
        channels.reconcile("trade-bank-a", "trade-finance");
        Map<String, String> genesisBefore = genesisData();
        Channel channel = stored();
        client.configMaps().inNamespace("trade-bank-a").withName("trade-finance-genesis").edit(c -> {
            c.getMetadata().setLabels(null);
            c.getMetadata().setAnnotations(null);
            c.getMetadata().setOwnerReferences(List.of(io.baas.k8s.build.NodeParts.owner(channel)));
            return c;
        });

        assertThat(channels.reconcile("trade-bank-a", "trade-finance").outcomes()).containsEntry(Applier.Outcome.PATCHED, 1);
        ConfigMap adopted = client.configMaps().inNamespace("trade-bank-a").withName("trade-finance-genesis").get();
        assertThat(adopted.getBinaryData()).isEqualTo(genesisBefore);
        assertThat(adopted.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(stored().getStatus().phase).isEqualTo(Channel.Status.Phase.READY);
    }

    @Test
    void aForeignConfigMapUnderTheGenesisNameIsLeftAlone() {
        client.configMaps().resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata()
                .withName("trade-finance-genesis").withNamespace("trade-bank-a").endMetadata()
                .addToData("someone", "else").build()).create();
        channel("bank-a", "bank-b");
        assertThatThrownBy(() -> channels.reconcile("trade-bank-a", "trade-finance")).isInstanceOf(ReconcileException.class)
                .satisfies(e -> assertThat(((ReconcileException) e).reason()).isEqualTo(ConditionReason.NAME_TAKEN));
        assertThat(client.configMaps().inNamespace("trade-bank-a").withName("trade-finance-genesis").get().getData())
                .containsEntry("someone", "else");
    }

    @Test
    void aStrangerOrganizationIsDegradedAndAStoppedOrdererIsWaitedFor() {
        channel("bank-a", "port");
        assertThatThrownBy(() -> channels.reconcile("trade-bank-a", "trade-finance")).isInstanceOf(ReconcileException.class)
                .hasMessageContaining("[port] are not members");
        assertThat(stored().getStatus().conditions).filteredOn(c -> c.type.equals("Degraded")).singleElement()
                .satisfies(c -> assertThat(c.reason).isEqualTo("NotAMember"));
        assertThat(client.configMaps().inNamespace("trade-bank-a").list().getItems()).isEmpty();

        client.resources(Channel.class).inNamespace("trade-bank-a").withName("trade-finance").edit(c -> {
            c.getSpec().organizations = List.of("bank-a", "bank-b");
            return c;
        });
        runtime.removeOrderer(client.resources(OrdererNode.class).inNamespace("trade-bank-a").withName("orderer0").get());
        assertThat(channels.reconcile("trade-bank-a", "trade-finance").retryAfter()).as("a stopped orderer is waited for").isNotNull();
        assertThat(stored().getStatus().conditions).filteredOn(c -> c.type.equals("Progressing")).singleElement()
                .satisfies(c -> {
                    assertThat(c.reason).isEqualTo("OrderersNotReady");
                    assertThat(c.message).contains("is not running yet");
                });
    }

    @Test
    void aPeerAddedLaterIsWaitedForUntilItRunsAndThenJoined() {
        channel("bank-a", "bank-b");
        channels.reconcile("trade-bank-a", "trade-finance");
        PeerNode late = new PeerNode();
        late.getMetadata().setName("peer1");
        late.getMetadata().setNamespace("trade-bank-b");
        late.setSpec(new PeerNode.Spec());
        late.getSpec().organization = "bank-b";
        client.resources(PeerNode.class).resource(late).create();

        ReconcileResult waiting = channels.reconcile("trade-bank-a", "trade-finance");
        assertThat(waiting.retryAfter()).isNotNull();
        assertThat(stored().getStatus().phase).isEqualTo(Channel.Status.Phase.JOINING_PEERS);
        assertThat(stored().getStatus().peersJoined).containsExactly("bank-a/peer0", "bank-b/peer0");
        assertThat(stored().getStatus().conditions).filteredOn(c -> c.type.equals("Progressing")).singleElement()
                .satisfies(c -> assertThat(c.message).contains("bank-b/peer1 (not running)"));

        new PeerNodeReconciler(client, runtime, TestPlatform.SETTINGS, Clock.systemUTC()).reconcile("trade-bank-b", "peer1");
        ReconcileResult joined = channels.reconcile("trade-bank-a", "trade-finance");
        assertThat(joined.retryAfter()).isNull();
        assertThat(stored().getStatus().peersJoined).containsExactly("bank-a/peer0", "bank-b/peer0", "bank-b/peer1");
        assertThat(stored().getStatus().phase).isEqualTo(Channel.Status.Phase.READY);
    }

    @Test
    void aFirstPeerThatIsNotRunningHoldsTheGenesisBackAsAWaitNotAFailure() {
        channel("bank-a", "bank-b");
        runtime.removePeer(peer("trade-bank-b"));
        ReconcileResult waiting = channels.reconcile("trade-bank-a", "trade-finance");
        assertThat(waiting.retryAfter()).isNotNull();
        assertThat(stored().getStatus().phase).isEqualTo(Channel.Status.Phase.WAITING);
        assertThat(stored().getStatus().conditions).filteredOn(c -> c.type.equals("Progressing")).singleElement()
                .satisfies(c -> assertThat(c.reason).isEqualTo("AnchorPeersNotReady"));
        assertThat(client.configMaps().inNamespace("trade-bank-a").withName("trade-finance-genesis").get()).isNull();

        runPeers();
        assertThat(channels.reconcile("trade-bank-a", "trade-finance").retryAfter()).isNull();
        assertThat(stored().getStatus().phase).isEqualTo(Channel.Status.Phase.READY);
    }

    @Test
    void aNamedAnchorPeerThatDoesNotExistHoldsTheGenesisBack() {
        channel("bank-a", "bank-b");
        client.resources(Channel.class).inNamespace("trade-bank-a").withName("trade-finance").edit(c -> {
            c.getSpec().anchorPeers = Map.of("bank-b", List.of("peer0", "peer7"));
            return c;
        });
        assertThat(channels.reconcile("trade-bank-a", "trade-finance").retryAfter()).isNotNull();
        assertThat(stored().getStatus().conditions).filteredOn(c -> c.type.equals("Progressing")).singleElement()
                .satisfies(c -> {
                    assertThat(c.reason).isEqualTo("AnchorPeersNotReady");
                    assertThat(c.message).contains("peer7");
                });
        assertThat(client.configMaps().inNamespace("trade-bank-a").withName("trade-finance-genesis").get())
                .as("no genesis block until its anchor peers are known").isNull();
    }

    private static org.hyperledger.fabric.protos.common.Config genesisConfig(String base64Block) {
        try {
            org.hyperledger.fabric.protos.common.Block block = org.hyperledger.fabric.protos.common.Block.parseFrom(
                    java.util.Base64.getDecoder().decode(base64Block));
            org.hyperledger.fabric.protos.common.Payload payload = org.hyperledger.fabric.protos.common.Payload.parseFrom(
                    org.hyperledger.fabric.protos.common.Envelope.parseFrom(block.getData().getData(0)).getPayload());
            return org.hyperledger.fabric.protos.common.ConfigEnvelope.parseFrom(payload.getData()).getConfig();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static org.hyperledger.fabric.protos.peer.AnchorPeers parse(com.google.protobuf.ByteString value) {
        try {
            return org.hyperledger.fabric.protos.peer.AnchorPeers.parseFrom(value);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private Identity platformAdmin() {
        return io.baas.pki.k8s.IdentitySecret.read(client.secrets().inNamespace("kubesphere-system")
                .withName(io.baas.pki.k8s.IdentitySecret.name("bank-a", "ks-baas-admin")).get());
    }

    /**
     * A leader-side user edits the Channel to change the Application's Endorsement policy: that
     * concerns every member, so the platform signs nothing for them. The Channel is Degraded with
     * reason ProposalRequired and the orderer's config stays where it was.
     */
    @Test
    void aPolicyChangedOnALiveChannelNeedsAProposalAndNothingIsSigned() {
        channel("bank-a", "bank-b");
        channels.reconcile("trade-bank-a", "trade-finance");
        assertThat(stored().getStatus().configSequence).isZero();
        int usesBefore = keyUses.uses().size();

        Channel changed = stored();
        changed.getSpec().policies = Map.of("Application/Endorsement", "ANY Endorsement");
        client.resources(Channel.class).resource(changed).update();
        assertThatThrownBy(() -> channels.reconcile("trade-bank-a", "trade-finance")).isInstanceOf(ReconcileException.class)
                .satisfies(e -> assertThat(((ReconcileException) e).reason()).isEqualTo(ConditionReason.PROPOSAL_REQUIRED))
                .hasMessageContaining("[Policy] /Channel/Application/Endorsement");
        assertThat(stored().getStatus().phase).isEqualTo(Channel.Status.Phase.DEGRADED);
        assertThat(stored().getStatus().conditions).filteredOn(c -> c.type.equals("Degraded")).singleElement()
                .satisfies(c -> assertThat(c.reason).isEqualTo("ProposalRequired"));
        assertThat(liveConfig().getSequence()).as("nothing was submitted").isZero();
        assertThat(keyUses.uses()).as("no held key signed anything").hasSize(usesBefore);
    }

    /**
     * The leader's side names bank-b's anchor peers in its Channel: bank-b's own group, but not
     * bank-b's act, so the platform does not sign it as bank-b.
     */
    @Test
    void anotherOrganizationsAnchorPeersNamedByTheChannelOwnerNeedAProposal() {
        channel("bank-a", "bank-b");
        channels.reconcile("trade-bank-a", "trade-finance");
        addRunningPeer("trade-bank-b", "bank-b", "peer1");
        channels.reconcile("trade-bank-a", "trade-finance");
        int usesBefore = keyUses.of(io.baas.keyuse.KeyAction.SIGN_CONFIG_UPDATE).size();

        client.resources(Channel.class).inNamespace("trade-bank-a").withName("trade-finance").edit(c -> {
            c.getSpec().anchorPeers = Map.of("bank-b", List.of("peer1"));
            return c;
        });
        assertThatThrownBy(() -> channels.reconcile("trade-bank-a", "trade-finance")).isInstanceOf(ReconcileException.class)
                .satisfies(e -> assertThat(((ReconcileException) e).reason()).isEqualTo(ConditionReason.PROPOSAL_REQUIRED))
                .hasMessageContaining("anchor peers of bank-b");
        assertThat(liveConfig().getSequence()).isZero();
        assertThat(keyUses.of(io.baas.keyuse.KeyAction.SIGN_CONFIG_UPDATE)).hasSize(usesBefore).isEmpty();
    }

    /**
     * The channel's own organization moves its anchor peer: a change of its own group only, signed
     * and submitted by its held admin alone (the config block's update carries that one signature),
     * on record first.
     */
    @Test
    void anOrganizationsOwnAnchorPeerChangeIsSubmittedSignedByItAlone() throws Exception {
        channel("bank-a", "bank-b");
        channels.reconcile("trade-bank-a", "trade-finance");
        addRunningPeer("trade-bank-a", "bank-a", "peer1");
        channels.reconcile("trade-bank-a", "trade-finance");

        client.resources(Channel.class).inNamespace("trade-bank-a").withName("trade-finance").edit(c -> {
            c.getSpec().anchorPeers = Map.of("bank-a", List.of("peer1"));
            return c;
        });
        ReconcileResult updated = channels.reconcile("trade-bank-a", "trade-finance");
        assertThat(updated.outcomes()).containsEntry(Applier.Outcome.PATCHED, 1);
        assertThat(stored().getStatus().configSequence).isEqualTo(1);
        assertThat(stored().getStatus().phase).isEqualTo(Channel.Status.Phase.READY);

        var config = liveConfig();
        assertThat(config.getSequence()).isEqualTo(1);
        var anchors = parse(config.getChannelGroup().getGroupsOrThrow("Application").getGroupsOrThrow("BANKAMSP")
                .getValuesOrThrow("AnchorPeers").getValue());
        assertThat(anchors.getAnchorPeersList()).singleElement().satisfies(anchor -> assertThat(anchor.getPort())
                .isEqualTo(runtime.peerAddress(client.resources(PeerNode.class).inNamespace("trade-bank-a").withName("peer1").get())
                        .orElseThrow().port()));
        var update = newestBlockConfig().lastUpdate().orElseThrow();
        assertThat(update.configSignatures()).extracting(signed -> signed.signer().mspId()).containsExactly("BANKAMSP");
        assertThat(update.envelopeSignature().signer().mspId()).isEqualTo("BANKAMSP");

        assertThat(keyUses.of(io.baas.keyuse.KeyAction.SIGN_CONFIG_UPDATE)).singleElement().satisfies(use -> {
            assertThat(use.organization()).isEqualTo("bank-a");
            assertThat(use.actor()).isEqualTo("system:reconciler");
            assertThat(use.resource()).startsWith("Channel trade-bank-a/trade-finance");
            assertThat(use.detail()).contains("/Channel/Application/BANKAMSP/AnchorPeers");
        });
        assertThat(channels.reconcile("trade-bank-a", "trade-finance").outcomes()).as("nothing left to change")
                .doesNotContainKey(Applier.Outcome.PATCHED);
    }

    /**
     * A member with no peer when the channel was made gets its anchor peer when its first peer
     * runs: the peer joins, and an update of that member's own group, signed by it alone, names it.
     */
    @Test
    void aMembersFirstPeerJoinsAndBecomesItsAnchorPeerSignedByItAlone() throws Exception {
        client.resources(PeerNode.class).inNamespace("trade-bank-b").withName("peer0").delete();
        channel("bank-a", "bank-b");
        channels.reconcile("trade-bank-a", "trade-finance");
        assertThat(liveConfig().getChannelGroup().getGroupsOrThrow("Application").getGroupsOrThrow("BANKBMSP").getValuesMap())
                .doesNotContainKey("AnchorPeers");

        addRunningPeer("trade-bank-b", "bank-b", "peer1");
        channels.reconcile("trade-bank-a", "trade-finance");
        assertThat(stored().getStatus().peersJoined).contains("bank-b/peer1");
        var anchors = parse(liveConfig().getChannelGroup().getGroupsOrThrow("Application").getGroupsOrThrow("BANKBMSP")
                .getValuesOrThrow("AnchorPeers").getValue());
        assertThat(anchors.getAnchorPeersList()).singleElement().satisfies(anchor -> assertThat(anchor.getPort())
                .isEqualTo(runtime.peerAddress(client.resources(PeerNode.class).inNamespace("trade-bank-b").withName("peer1").get())
                        .orElseThrow().port()));
        var update = newestBlockConfig().lastUpdate().orElseThrow();
        assertThat(update.configSignatures()).extracting(signed -> signed.signer().mspId()).containsExactly("BANKBMSP");
    }

    /** When the key use cannot be put on record, the key is not used: no orderer joins, the Channel says why. */
    @Test
    void aJoinWhoseKeyUseCannotBeRecordedDoesNotHappen() {
        keyUses.refuse();
        channel("bank-a", "bank-b");
        assertThatThrownBy(() -> channels.reconcile("trade-bank-a", "trade-finance")).isInstanceOf(ReconcileException.class)
                .satisfies(e -> assertThat(((ReconcileException) e).reason()).isEqualTo(ConditionReason.KEY_USE_NOT_RECORDED));
        assertThat(stored().getStatus().conditions).filteredOn(c -> c.type.equals("Degraded")).singleElement()
                .satisfies(c -> assertThat(c.reason).isEqualTo("KeyUseNotRecorded"));
        OrdererAdminClient admin = new OrdererAdminClient(orderer0().admin(), List.of(cas.get("bank-a").tlsCa().certificate()),
                platformAdmin().tls(), Duration.ofSeconds(20));
        assertThat(admin.list()).isEmpty();
    }

    private void addRunningPeer(String namespace, String organization, String name) {
        PeerNode peer = new PeerNode();
        peer.getMetadata().setName(name);
        peer.getMetadata().setNamespace(namespace);
        peer.setSpec(new PeerNode.Spec());
        peer.getSpec().organization = organization;
        client.resources(PeerNode.class).resource(peer).create();
        new PeerNodeReconciler(client, runtime, TestPlatform.SETTINGS, Clock.systemUTC()).reconcile(namespace, name);
    }

    /** The channel's config as the orderer has it now, read by a bank-b user. */
    private org.hyperledger.fabric.protos.common.Config liveConfig() {
        try (OrdererClient ordering = new OrdererClient("127.0.0.1", orderer0().client().port(),
                List.of(cas.get("bank-a").tlsCa().certificate()), Optional.empty(), Duration.ofSeconds(20))) {
            return new io.baas.fabric.admin.ChannelConfigClient(ordering, Clock.systemUTC()).latest(user("bank-b"), "trade-finance");
        }
    }

    /** The config transaction of the channel's newest block. */
    private io.baas.fabric.block.ConfigTransaction newestBlockConfig() {
        try (OrdererClient ordering = new OrdererClient("127.0.0.1", orderer0().client().port(),
                List.of(cas.get("bank-a").tlsCa().certificate()), Optional.empty(), Duration.ofSeconds(20))) {
            var delivery = ordering.deliver(io.baas.fabric.admin.SeekRequests.newest(user("bank-b"), "trade-finance", Instant.now()));
            return BlockDecoder.decode(delivery.blocks().get(0)).transactions().get(0).config().orElseThrow();
        }
    }

    /**
     * A Chaincode on the channel: installed on both organizations' peers; approved for an
     * organization only once its admin consented to exactly this definition (until then the status
     * lists it as awaiting consent, ApprovalConsentRequired); committed once both approved; every
     * install, approval and commit on record first; then members transact on it.
     */
    @Test
    void aChaincodeIsApprovedForEachOrganizationOnlyWithItsConsentThenCommittedAndRuns() {
        channel("bank-a", "bank-b");
        channels.reconcile("trade-bank-a", "trade-finance");
        io.baas.crd.Chaincode chaincode = new io.baas.crd.Chaincode();
        chaincode.getMetadata().setName("notarization");
        chaincode.getMetadata().setNamespace("trade-bank-a");
        chaincode.setSpec(new io.baas.crd.Chaincode.Spec());
        chaincode.getSpec().name = "notarization";
        chaincode.getSpec().channel = "trade-finance";
        chaincode.getSpec().packageRef = new io.baas.crd.Chaincode.PackageRef();
        chaincode.getSpec().packageRef.name = "notarization";
        chaincode.getSpec().packageRef.version = "1.0";
        chaincode.getSpec().version = "1.0";
        chaincode.getSpec().sequence = 1L;
        client.resources(io.baas.crd.Chaincode.class).resource(chaincode).create();
        var packages = new io.baas.chaincode.BuiltInPackageSource();
        String packageId = packages.find("notarization", "1.0").orElseThrow().packageId();
        var definition = ChaincodeDefinitions.of(chaincode);

        try (var connections = new io.baas.fabric.gateway.GatewayConnections()) {
            var gateway = new io.baas.fabric.gateway.FabricGateway(connections, new io.baas.fabric.gateway.GatewaySettings(
                    Duration.ofSeconds(180), Duration.ofSeconds(180), Duration.ofSeconds(20), Duration.ofSeconds(60), 3, Duration.ofMillis(200)));
            var reconciler = new ChaincodeReconciler(client, new Applier(client), TestPlatform.SETTINGS, Clock.systemUTC(),
                    packages, Duration.ofDays(30), runtime,
                    new io.baas.fabric.lifecycle.LifecycleClient(gateway, Duration.ofSeconds(60), Clock.systemUTC()), consents, keyUses, ReconcileTimings.DEFAULTS);

            // No consent: installed, nothing approved, both organizations listed as awaiting consent.
            assertThat(reconciler.reconcile("trade-bank-a", "notarization").retryAfter()).isEqualTo(ReconcileTimings.DEFAULTS.consentWait());
            var waiting = chaincodeStatus();
            assertThat(waiting.installedOn).containsExactly("bank-a/peer0", "bank-b/peer0");
            assertThat(waiting.approvedBy).isEmpty();
            assertThat(waiting.awaitingConsent).containsExactly("bank-a", "bank-b");
            assertThat(waiting.committed).isFalse();
            assertThat(waiting.phase).isEqualTo(Chaincode.Status.Phase.AWAITING_CONSENT);
            assertThat(waiting.conditions).filteredOn(c -> c.type.equals("Progressing")).singleElement()
                    .satisfies(c -> assertThat(c.reason).isEqualTo("ApprovalConsentRequired"));
            assertThat(keyUses.of(io.baas.keyuse.KeyAction.APPROVE_CHAINCODE)).isEmpty();

            // Consent to another definition (another sequence) is no consent to this one; unreadable consents are none.
            consents.grant(io.baas.keyuse.ApprovalConsent.of("bank-b", "trade-finance",
                    io.baas.fabric.lifecycle.ChaincodeDefinition.of("notarization", "1.0", 2, false), packageId));
            consents.grant(io.baas.keyuse.ApprovalConsent.of("bank-a", "trade-finance", definition, packageId));
            consents.unreadable(true);
            reconciler.reconcile("trade-bank-a", "notarization");
            assertThat(chaincodeStatus().awaitingConsent).containsExactly("bank-a", "bank-b");
            consents.unreadable(false);

            // bank-a consented: approved for bank-a only; bank-b still awaited; nothing committed.
            reconciler.reconcile("trade-bank-a", "notarization");
            assertThat(chaincodeStatus().approvedBy).containsExactly("bank-a");
            assertThat(chaincodeStatus().awaitingConsent).containsExactly("bank-b");
            assertThat(chaincodeStatus().committed).isFalse();

            consents.grant(io.baas.keyuse.ApprovalConsent.of("bank-b", "trade-finance", definition, packageId));
            assertThat(reconciler.reconcile("trade-bank-a", "notarization").retryAfter()).isNull();
            var status = chaincodeStatus();
            assertThat(status.approvedBy).containsExactly("bank-a", "bank-b");
            assertThat(status.awaitingConsent).isEmpty();
            assertThat(status.committed).isTrue();
            assertThat(status.phase).as("the servers are Deployments the mock cluster never runs").isEqualTo(Chaincode.Status.Phase.COMMITTED);
            assertThat(reconciler.reconcile("trade-bank-a", "notarization").retryAfter()).as("a second pass only checks").isNull();
            assertThat(keyUses.summary()).filteredOn(u -> u.contains("chaincode")).containsExactly(
                    "bank-a install-chaincode", "bank-b install-chaincode", "bank-a approve-chaincode", "bank-b approve-chaincode",
                    "bank-a commit-chaincode");
            assertThat(keyUses.of(io.baas.keyuse.KeyAction.APPROVE_CHAINCODE)).allSatisfy(use -> {
                assertThat(use.actor()).isEqualTo("system:reconciler");
                assertThat(use.resource()).startsWith("Chaincode trade-bank-a/notarization");
            });

            var bankA = new io.baas.fabric.gateway.GatewayPeer("127.0.0.1", runtime.peerAddress(peer("trade-bank-a")).orElseThrow().port(),
                    List.of(cas.get("bank-a").tlsCa().certificate()));
            var bankB = new io.baas.fabric.gateway.GatewayPeer("127.0.0.1", runtime.peerAddress(peer("trade-bank-b")).orElseThrow().port(),
                    List.of(cas.get("bank-b").tlsCa().certificate()));
            String digest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
            var recorded = gateway.submit(user("bank-a"), bankA, io.baas.fabric.gateway.FabricGateway.Call.of("trade-finance", "notarization",
                    "notarization:RecordEvidence", "SHA-256", digest, "contract v1", "{}"));
            String verified = new String(gateway.evaluate(user("bank-b"), bankB, io.baas.fabric.gateway.FabricGateway.Call.of("trade-finance",
                    "notarization", "notarization:VerifyEvidence", "SHA-256", digest)), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(verified).contains(recorded.transactionId()).contains("BANKAMSP");
        }
    }

    private io.baas.crd.Chaincode.Status chaincodeStatus() {
        return client.resources(io.baas.crd.Chaincode.class).inNamespace("trade-bank-a").withName("notarization").get().getStatus();
    }

    private Signer user(String organization) {
        Identity identity = new IdentityIssuer(cas.get(organization)).issue(IdentityRequest.user(IdentityRole.USER, "User1@" + organization));
        return new EcdsaSigner(FabricIdentity.of(MockCluster.mspId(organization), identity.signing().certificate()), identity.signing().privateKey());
    }
}
