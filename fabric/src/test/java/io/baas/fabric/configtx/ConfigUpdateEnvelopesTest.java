package io.baas.fabric.configtx;

import static io.baas.fabric.configtx.ChannelConfigBuilderTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.baas.fabric.Fixtures;
import io.baas.fabric.identity.SignedData;
import io.baas.fabric.identity.Signer;
import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.junit.jupiter.api.Test;

/** Our CONFIG_UPDATE envelope for Org1's anchor peer, against the one peer channel update sent (block 1). */
class ConfigUpdateEnvelopesTest {

    private static final Signer ORG1_ADMIN = Fixtures.signer("org1.example.com", "Admin", "Org1MSP");
    private static final ByteString NONCE = ByteString.copyFromUtf8("twenty-four bytes nonce!");

    private static Envelope fixtureLastUpdate() throws Exception {
        Envelope config = Envelope.parseFrom(Block.parseFrom(Fixtures.block(1)).getData().getData(0));
        return ConfigEnvelope.parseFrom(Payload.parseFrom(config.getPayload()).getData()).getLastUpdate();
    }

    private static Envelope org1AnchorEnvelope() throws Exception {
        ConfigUpdate update = ConfigUpdateCalculator.compute("mychannel", FixtureChannel.config(0), FixtureChannel.config(1));
        ConfigUpdateEnvelope signed = ConfigUpdateEnvelopes.sign(ConfigUpdateEnvelopes.unsigned(update), ORG1_ADMIN, NONCE);
        return ConfigUpdateEnvelopes.submit("mychannel", signed, ORG1_ADMIN, Instant.parse("2026-11-23T19:23:24.900Z"), NONCE);
    }

    @Test
    void theEnvelopeHasThePeerClisLayoutApartFromTimeNonceAndSignatures() throws Exception {
        Payload ours = Payload.parseFrom(org1AnchorEnvelope().getPayload());
        Payload theirs = Payload.parseFrom(fixtureLastUpdate().getPayload());
        ChannelHeader ourHeader = ChannelHeader.parseFrom(ours.getHeader().getChannelHeader());
        ChannelHeader theirHeader = ChannelHeader.parseFrom(theirs.getHeader().getChannelHeader());

        assertEquals(theirHeader.toBuilder().clearTimestamp().build(), ourHeader.toBuilder().clearTimestamp().build());
        assertEquals(Instant.parse("2026-11-23T19:23:24Z").getEpochSecond(), ourHeader.getTimestamp().getSeconds());
        assertEquals(0, ourHeader.getTimestamp().getNanos());
        assertEquals(SignatureHeader.parseFrom(theirs.getHeader().getSignatureHeader()).getCreator(),
                SignatureHeader.parseFrom(ours.getHeader().getSignatureHeader()).getCreator());

        ConfigUpdateEnvelope ourUpdate = ConfigUpdateEnvelope.parseFrom(ours.getData());
        ConfigUpdateEnvelope theirUpdate = ConfigUpdateEnvelope.parseFrom(theirs.getData());
        assertEquals(ConfigUpdateEnvelopes.decode(theirUpdate), ConfigUpdateEnvelopes.decode(ourUpdate));
        assertEquals(theirUpdate.getSignaturesCount(), ourUpdate.getSignaturesCount());
        assertEquals(SignatureHeader.parseFrom(theirUpdate.getSignatures(0).getSignatureHeader()).getCreator(),
                SignatureHeader.parseFrom(ourUpdate.getSignatures(0).getSignatureHeader()).getCreator());
    }

    @Test
    void everySignatureVerifiesOverTheBytesFabricChecks() throws Exception {
        Envelope envelope = org1AnchorEnvelope();
        ConfigUpdateEnvelope update = ConfigUpdateEnvelope.parseFrom(Payload.parseFrom(envelope.getPayload()).getData());

        assertTrue(new SignedData(envelope.getPayload(), ORG1_ADMIN.identity(), envelope.getSignature()).verify());
        List<SignedData> signatures = ConfigUpdateEnvelopes.signatures(update);
        assertEquals(1, signatures.size());
        assertTrue(signatures.get(0).verify());
        assertEquals(SignatureHeader.parseFrom(update.getSignatures(0).getSignatureHeader()).toByteString()
                .concat(update.getConfigUpdate()), signatures.get(0).data());
        assertEquals(NONCE, SignatureHeader.parseFrom(update.getSignatures(0).getSignatureHeader()).getNonce());
    }

    @Test
    void theFixturesOwnConfigSignatureVerifiesThroughTheSameReading() throws Exception {
        ConfigUpdateEnvelope theirs = ConfigUpdateEnvelope.parseFrom(Payload.parseFrom(fixtureLastUpdate().getPayload()).getData());

        assertTrue(ConfigUpdateEnvelopes.signatures(theirs).get(0).verify());
    }

    @Test
    void anUpdateForAnotherChannelIsNotWrapped() {
        ConfigUpdate update = ConfigUpdateCalculator.compute("otherchannel", FixtureChannel.config(0), FixtureChannel.config(1));

        assertMessage("config update is for channel 'otherchannel' but the envelope for channel 'mychannel'",
                () -> ConfigUpdateEnvelopes.submit("mychannel", ConfigUpdateEnvelopes.unsigned(update), ORG1_ADMIN,
                        Instant.EPOCH, NONCE));
    }
}
