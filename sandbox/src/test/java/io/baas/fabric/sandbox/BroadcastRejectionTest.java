package io.baas.fabric.sandbox;

import static io.baas.fabric.sandbox.OrdererClient.transaction;
import static io.baas.fabric.sandbox.SandboxNetwork.CHANNEL;
import static io.baas.fabric.sandbox.SandboxNetwork.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.baas.fabric.configtx.ApplicationOrganization;
import io.baas.fabric.configtx.BatchSize;
import io.baas.fabric.configtx.ChannelConfigBuilder;
import io.baas.fabric.configtx.ChannelDescription;
import io.baas.fabric.configtx.ConfigUpdateCalculator;
import io.baas.fabric.configtx.ConfigUpdateEnvelopes;
import io.baas.fabric.configtx.MspDescription;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.transaction.Nonces;
import java.time.Duration;
import java.util.List;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each refusal with the status Fabric 2.5.5 answers it with (orderer/common/broadcast ClassifyError:
 * only the signature filter says FORBIDDEN; everything else, expiry, size and config validation
 * included, is BAD_REQUEST), and nothing refused reaches a block.
 */
class BroadcastRejectionTest {

    private static final int ABSOLUTE_MAX_BYTES = 64 * 1024;

    private final SandboxNetwork network = new SandboxNetwork();
    private final ChannelDescription channel = network.channel(new BatchSize(1, ABSOLUTE_MAX_BYTES, 32 * 1024), Duration.ofSeconds(2));
    private RunningOrderer orderer;
    private OrderingNode node;
    private OrdererClient client;

    @BeforeEach
    void start() {
        orderer = RunningOrderer.start(network, channel);
        node = orderer.node();
        client = orderer.client();
    }

    @AfterEach
    void stop() throws InterruptedException {
        orderer.close();
        assertThat(node.channels().channelIds()).isEmpty();
    }

    @Test
    void aTamperedSignatureIsForbidden() throws Exception {
        Envelope signed = transaction(network.org1User, CHANNEL, NOW);
        byte[] signature = signed.getSignature().toByteArray();
        signature[signature.length - 1] ^= 1;

        assertRejected(signed.toBuilder().setSignature(ByteString.copyFrom(signature)).build(), Status.FORBIDDEN,
                "policy /Channel/Writers is not satisfied");
    }

    @Test
    void aCreatorOfAnUnknownMspIsForbidden() throws Exception {
        assertRejected(transaction(SandboxNetwork.stranger(), CHANNEL, NOW), Status.FORBIDDEN, "of Org9MSP: permission denied");
    }

    @Test
    void aPeerMayNotWriteWhereWritersAreAdminsAndClients() throws Exception {
        assertRejected(transaction(network.org1Peer, CHANNEL, NOW), Status.FORBIDDEN, "permission denied");
    }

    @Test
    void anExpiredCertificateIsABadRequest() throws Exception {
        assertRejected(transaction(network.expiredOrg1User, CHANNEL, NOW), Status.BAD_REQUEST, "broadcast client identity expired");
    }

    @Test
    void anUnknownChannelIsABadRequestAsWithoutASystemChannel() throws Exception {
        assertRejected(transaction(network.org1User, "otherchannel", NOW), Status.BAD_REQUEST,
                "channel creation request not allowed because the orderer system channel is not defined");
    }

    @Test
    void aMessageOverAbsoluteMaxBytesIsABadRequest() throws Exception {
        Envelope large = transaction(network.org1User, CHANNEL, NOW, ByteString.copyFrom(new byte[ABSOLUTE_MAX_BYTES]));

        assertRejected(large, Status.BAD_REQUEST, "exceeds maximum allowed " + ABSOLUTE_MAX_BYTES + " bytes");
    }

    @Test
    void aConfigTransactionCannotBeBroadcastDirectly() throws Exception {
        Envelope config = OrdererClient.envelope(network.org1Admin, ChannelHeader.newBuilder()
                .setType(HeaderType.CONFIG_VALUE).setChannelId(CHANNEL).build(), Nonces.random(), ByteString.EMPTY);

        assertRejected(config, Status.BAD_REQUEST, "message is of type that cannot be processed directly");
    }

    @Test
    void anEmptyEnvelopeIsABadRequest() throws Exception {
        assertRejected(Envelope.getDefaultInstance(), Status.BAD_REQUEST, "could not determine channel ID");
    }

    @Test
    void addingAnOrganizationWithOneOfTwoAdminSignaturesIsRefused() throws Exception {
        ChannelDescription withOrg3 = channel.withApplication(channel.application().withOrganization(ApplicationOrganization.of(
                MspDescription.of("Org3MSP", msp(network.org1Cas.signingCa().certificate()), msp(network.org1Cas.tlsCa().certificate())))));
        ConfigUpdate update = ConfigUpdateCalculator.compute(CHANNEL, ChannelConfigBuilder.build(channel),
                ChannelConfigBuilder.build(withOrg3));
        ConfigUpdateEnvelope oneAdmin = sign(ConfigUpdateEnvelopes.unsigned(update), network.org1Admin);

        // Fabric wraps the validator's policy error without ErrPermissionDenied, so peer CLI users see BAD_REQUEST.
        assertRejected(submit(oneAdmin, network.org1Admin), Status.BAD_REQUEST,
                "error applying config update to existing channel 'mychannel': error authorizing update: "
                        + "policy /Channel/Application/Admins is not satisfied");
        assertThat(client.broadcast(submit(sign(oneAdmin, network.org2Admin), network.org1Admin)).getStatus())
                .isEqualTo(Status.SUCCESS);
    }

    @Test
    void aConfigUpdateForAnotherChannelIsABadRequest() throws Exception {
        ConfigUpdate update = ConfigUpdateCalculator.compute("otherchannel", ChannelConfigBuilder.build(channel),
                ChannelConfigBuilder.build(channel.withOrderer(channel.orderer().withBatchTimeout(Duration.ofSeconds(1)))));
        ConfigUpdateEnvelope signed = sign(ConfigUpdateEnvelopes.unsigned(update), network.ordererSigner);
        Envelope mislabelled = OrdererClient.envelope(network.org1Admin, ChannelHeader.newBuilder()
                .setType(HeaderType.CONFIG_UPDATE_VALUE).setChannelId(CHANNEL).build(), Nonces.random(), signed.toByteString());

        assertRejected(mislabelled, Status.BAD_REQUEST, "ConfigUpdate for channel 'otherchannel' but envelope for channel 'mychannel'");
    }

    @Test
    void aConfigUpdateFromAnUnknownSubmitterFailsTheInitialChecks() throws Exception {
        ConfigUpdate update = ConfigUpdateCalculator.compute(CHANNEL, ChannelConfigBuilder.build(channel),
                ChannelConfigBuilder.build(channel.withOrderer(channel.orderer().withBatchTimeout(Duration.ofSeconds(1)))));
        Signer stranger = SandboxNetwork.stranger();

        assertRejected(submit(sign(ConfigUpdateEnvelopes.unsigned(update), stranger), stranger), Status.FORBIDDEN,
                "config update for existing channel did not pass initial checks");
    }

    private void assertRejected(Envelope envelope, Status status, String info) throws Exception {
        BroadcastResponse response = client.broadcast(envelope);

        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getInfo()).contains(info);
        assertThat(node.channels().info(CHANNEL).orElseThrow().height()).isEqualTo(1);
    }

    private static ConfigUpdateEnvelope sign(ConfigUpdateEnvelope envelope, Signer admin) {
        return ConfigUpdateEnvelopes.sign(envelope, admin, Nonces.random());
    }

    private static Envelope submit(ConfigUpdateEnvelope envelope, Signer submitter) {
        return ConfigUpdateEnvelopes.submit(CHANNEL, envelope, submitter, NOW, Nonces.random());
    }

    private static ByteString msp(java.security.cert.X509Certificate certificate) {
        return ByteString.copyFromUtf8(io.baas.fabric.identity.Pem.certificate(certificate));
    }
}
