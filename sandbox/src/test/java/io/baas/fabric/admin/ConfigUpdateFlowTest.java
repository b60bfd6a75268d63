package io.baas.fabric.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.baas.fabric.configtx.ApplicationOrganization;
import io.baas.fabric.configtx.BatchSize;
import io.baas.fabric.configtx.ChannelConfigBuilder;
import io.baas.fabric.configtx.ChannelConfigException;
import io.baas.fabric.configtx.ChannelDescription;
import io.baas.fabric.configtx.ConfigUpdateEnvelopes;
import io.baas.fabric.configtx.HostPort;
import io.baas.fabric.configtx.MspDescription;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.sandbox.OrderingNode;
import io.baas.fabric.sandbox.PeerNode;
import io.baas.fabric.sandbox.SandboxNetwork;
import io.baas.fabric.sandbox.SandboxNetworkExtension;
import io.baas.fabric.transaction.Nonces;
import io.baas.pki.MspOrganization;
import io.baas.pki.OrganizationCaFactory;
import io.baas.pki.Pem;
import io.baas.pki.ValidityPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigSignature;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.peer.AnchorPeers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Config updates on a live sandbox channel through real gRPC: each organization sets its anchor
 * peer by an update it signs, then a third organization is added with the signatures of both
 * (one made here, one brought from outside and verified), and the peers commit the new config.
 */
class ConfigUpdateFlowTest {

    private static final String CHANNEL = SandboxNetwork.CHANNEL;
    @RegisterExtension
    final SandboxNetworkExtension sandbox = SandboxNetworkExtension.withBatch(new BatchSize(10, 99 * BatchSize.MEGABYTE, 512 * 1024),
            Duration.ofMillis(200));
    private final SandboxNetwork network = sandbox.network();
    private ChannelDescription channel;
    private OrderingNode orderer;
    private PeerNode peer1;
    private PeerNode peer2;
    private OrdererClient client;
    private ChannelConfigClient configs;

    @BeforeEach
    void start() {
        orderer = sandbox.orderer();
        channel = sandbox.channel();
        peer1 = sandbox.peer(1);
        peer2 = sandbox.peer(2);
        client = new OrdererClient("127.0.0.1", orderer.port(), List.of(network.ordererTlsCa()), Optional.empty(), Duration.ofSeconds(20));
        configs = new ChannelConfigClient(client, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void anchorPeersByEachOrganizationThenAThirdOrganizationSignedByBoth() {
        // Org1's anchor peer: its own Admins policy, signed here by its admin.
        ChannelDescription withOrg1Anchor = channel.withApplication(channel.application()
                .withAnchorPeers("Org1MSP", List.of(new HostPort("127.0.0.1", peer1.port()))));
        PendingConfigUpdate org1Anchor = PendingConfigUpdate.compute(CHANNEL, configs.latest(network.org1Admin, CHANNEL),
                ChannelConfigBuilder.build(withOrg1Anchor)).orElseThrow();
        assertThat(org1Anchor.requiredPolicies()).containsExactly("/Channel/Application/Org1MSP/Admins");
        assertThat(org1Anchor.missingPolicies()).containsExactly("/Channel/Application/Org1MSP/Admins");
        assertThatThrownBy(() -> org1Anchor.submission(network.org1Admin, SandboxNetwork.NOW)).hasMessageContaining("still needs signatures");
        Config afterOrg1 = configs.submit(org1Anchor.signedBy(network.org1Admin).submission(network.org1Admin, Clock.systemUTC().instant()),
                network.org1Admin, CHANNEL, Duration.ofSeconds(20));
        assertThat(anchors(afterOrg1, "Org1MSP")).containsExactly("127.0.0.1:" + peer1.port());

        // Org2's, signed by Org2's admin, from the record kept meanwhile.
        ChannelDescription withBothAnchors = withOrg1Anchor.withApplication(withOrg1Anchor.application()
                .withAnchorPeers("Org2MSP", List.of(new HostPort("127.0.0.1", peer2.port()))));
        PendingConfigUpdate.Snapshot kept = PendingConfigUpdate.compute(CHANNEL, afterOrg1, ChannelConfigBuilder.build(withBothAnchors)).orElseThrow()
                .snapshot();
        Config afterOrg2 = configs.submit(PendingConfigUpdate.of(kept).signedBy(network.org2Admin).submission(network.org2Admin,
                Clock.systemUTC().instant()), network.org2Admin, CHANNEL, Duration.ofSeconds(20));
        assertThat(anchors(afterOrg2, "Org2MSP")).containsExactly("127.0.0.1:" + peer2.port());
        assertThat(PendingConfigUpdate.compute(CHANNEL, afterOrg2, ChannelConfigBuilder.build(withBothAnchors)))
                .as("the live config is the desired one: nothing to update").isEmpty();

        // A third organization: MAJORITY of the Application admins, so both organizations sign.
        var org3 = new OrganizationCaFactory(Clock.systemUTC(), ValidityPolicy.DEFAULT).createRoots(new MspOrganization("Org3MSP", "org3.example.com"));
        MspDescription org3Msp = MspDescription.of("Org3MSP", ByteString.copyFromUtf8(Pem.encode(org3.signingCa().certificate())),
                ByteString.copyFromUtf8(Pem.encode(org3.tlsCa().certificate())));
        ChannelDescription withOrg3 = withBothAnchors.withApplication(withBothAnchors.application().withOrganization(ApplicationOrganization.of(org3Msp)));
        PendingConfigUpdate addOrg3 = PendingConfigUpdate.compute(CHANNEL, afterOrg2, ChannelConfigBuilder.build(withOrg3)).orElseThrow()
                .signedBy(network.org1Admin);
        assertThat(addOrg3.missingPolicies()).containsExactly("/Channel/Application/Admins");
        // MAJORITY of two: both must sign, so Org2 refusing leaves it unable to pass; the file round-trips.
        assertThat(addOrg3.eligibleSigners()).containsExactly("Org1MSP", "Org2MSP");
        assertThat(addOrg3.satisfiableWith(java.util.Set.of("Org2MSP"))).isTrue();
        assertThat(addOrg3.satisfiableWith(java.util.Set.of())).isFalse();
        assertThat(PendingConfigUpdateFile.read(PendingConfigUpdateFile.write(addOrg3)).snapshot()).isEqualTo(addOrg3.snapshot());

        // Org2 signs elsewhere, over the exported bytes; a signature by someone outside the channel is refused.
        ConfigSignature org2Signature = signElsewhere(addOrg3.updateBytes(), network.org2Admin);
        assertThatThrownBy(() -> addOrg3.withImportedSignature(signElsewhere(addOrg3.updateBytes(), SandboxNetwork.stranger())))
                .isInstanceOf(ChannelConfigException.class).hasMessageContaining("not a valid identity");
        ConfigSignature forged = org2Signature.toBuilder().setSignature(signElsewhere(ByteString.copyFromUtf8("other"), network.org2Admin)
                .getSignature()).build();
        assertThatThrownBy(() -> addOrg3.withImportedSignature(forged)).hasMessageContaining("does not verify");
        PendingConfigUpdate signed = addOrg3.withImportedSignature(org2Signature);
        assertThat(signed.isAdminSignature(org2Signature)).isTrue();
        // A peer's signature verifies and is the channel's, but is no admin's: it counts towards no mod policy.
        ConfigSignature org2PeerSignature = signElsewhere(addOrg3.updateBytes(), network.org2Peer);
        assertThat(addOrg3.withImportedSignature(org2PeerSignature).isAdminSignature(org2PeerSignature)).isFalse();
        assertThat(signed.missingPolicies()).isEmpty();

        Config afterOrg3 = configs.submit(signed.submission(network.org1Admin, Clock.systemUTC().instant()), network.org1Admin, CHANNEL,
                Duration.ofSeconds(20));
        assertThat(afterOrg3.getChannelGroup().getGroupsOrThrow("Application").getGroupsMap()).containsKeys("Org1MSP", "Org2MSP", "Org3MSP");
        assertThat(signed.applied().getChannelGroup()).as("the update applied here, as the orderer applied it").isEqualTo(afterOrg3.getChannelGroup());
        assertThat(afterOrg3.getSequence()).isEqualTo(3);
        // The peers pull and validate the config blocks themselves.
        awaitPeerSequence(peer1, 3);
        awaitPeerSequence(peer2, 3);
        assertThat(peer2.channels().channel(CHANNEL).orElseThrow().config().applicationMspIds()).contains("Org3MSP");
    }

    private static ConfigSignature signElsewhere(ByteString updateBytes, Signer admin) {
        ConfigUpdateEnvelope envelope = ConfigUpdateEnvelope.newBuilder().setConfigUpdate(updateBytes).build();
        return ConfigUpdateEnvelopes.sign(envelope, admin, Nonces.random()).getSignatures(0);
    }

    private static List<String> anchors(Config config, String mspId) {
        try {
            return AnchorPeers.parseFrom(config.getChannelGroup().getGroupsOrThrow("Application").getGroupsOrThrow(mspId)
                    .getValuesOrThrow("AnchorPeers").getValue()).getAnchorPeersList().stream()
                    .map(a -> a.getHost() + ":" + a.getPort()).toList();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitPeerSequence(PeerNode peer, long sequence) {
        io.baas.fabric.sandbox.peer.PeerWaits.awaitCommitted(peer, CHANNEL, channel -> channel.config().sequence() >= sequence);
    }
}
