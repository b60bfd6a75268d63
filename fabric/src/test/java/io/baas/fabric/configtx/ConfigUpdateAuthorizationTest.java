package io.baas.fabric.configtx;

import static io.baas.fabric.configtx.ChannelConfigBuilderTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.baas.fabric.Fixtures;
import io.baas.fabric.block.BlockDecoder;
import io.baas.fabric.block.ConfigUpdateTransaction;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.policy.SignerIdentity;
import java.util.List;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.junit.jupiter.api.Test;

/** The fixture's admin signatures against the mod policies of what their updates change. */
class ConfigUpdateAuthorizationTest {

    private static final Signer ORG1_ADMIN = Fixtures.signer("org1.example.com", "Admin", "Org1MSP");
    private static final Signer ORG2_ADMIN = Fixtures.signer("org2.example.com", "Admin", "Org2MSP");
    private static final Signer ORG1_USER = Fixtures.signer("org1.example.com", "User1", "Org1MSP");

    private static ConfigUpdateTransaction lastUpdate(int block) {
        return BlockDecoder.decode(Fixtures.block(block)).transactions().get(0).config().orElseThrow().lastUpdate().orElseThrow();
    }

    private static List<SignerIdentity> adminSigners(int block) {
        return SignerIdentity.verified(lastUpdate(block).configSignatures());
    }

    @Test
    void theFixtureAnchorUpdatesNeedAndHaveTheirOrganizationsAdmins() {
        for (int block : new int[] {1, 2}) {
            String org = block == 1 ? "Org1MSP" : "Org2MSP";
            Config before = FixtureChannel.config(block - 1);
            ConfigUpdate update = lastUpdate(block).update();

            assertEquals(List.of("/Channel/Application/" + org + "/Admins"),
                    ConfigUpdateAuthorization.requiredPolicies(before, update));
            assertEquals(1, adminSigners(block).size());
            ConfigUpdateAuthorization.authorize(before, update, adminSigners(block));
        }
    }

    @Test
    void anotherOrganizationsAdminCannotChangeAnOrganizationsAnchorPeers() {
        assertMessage("policy /Channel/Application/Org2MSP/Admins is not satisfied",
                () -> ConfigUpdateAuthorization.authorize(FixtureChannel.config(1), lastUpdate(2).update(), adminSigners(1)));
    }

    @Test
    void addingAnOrganizationNeedsAMajorityOfApplicationAdmins() {
        Config current = FixtureChannel.config(2);
        ApplicationSection application = FixtureChannel.description().application()
                .withAnchorPeers("Org1MSP", List.of(new HostPort("127.0.0.1", 7051)))
                .withAnchorPeers("Org2MSP", List.of(new HostPort("127.0.0.1", 9051)))
                .withOrganization(ApplicationOrganization.of(TestMsps.generate("Org3MSP")));
        ConfigUpdate update = ConfigUpdateCalculator.compute("mychannel", current,
                ChannelConfigBuilder.build(FixtureChannel.description().withApplication(application)));
        assertEquals(List.of("/Channel/Application/Admins"), ConfigUpdateAuthorization.requiredPolicies(current, update));

        ConfigUpdateEnvelope byOrg1 = sign(ConfigUpdateEnvelopes.unsigned(update), ORG1_ADMIN);
        assertMessage("policy /Channel/Application/Admins is not satisfied",
                () -> ConfigUpdateAuthorization.authorize(current, update, signers(byOrg1)));
        // Two of two organizations is a majority; a client of Org2 instead of its admin is not.
        assertMessage("policy /Channel/Application/Admins is not satisfied",
                () -> ConfigUpdateAuthorization.authorize(current, update, signers(sign(byOrg1, ORG1_USER))));
        ConfigUpdateAuthorization.authorize(current, update, signers(sign(byOrg1, ORG2_ADMIN)));
    }

    @Test
    void aBatchSizeChangeNeedsTheOrdererAdmins() {
        Config current = FixtureChannel.config(2);
        ChannelDescription channel = FixtureChannel.description();
        ConfigUpdate update = ConfigUpdateCalculator.compute("mychannel", current, ChannelConfigBuilder.build(channel
                .withApplication(channel.application()
                        .withAnchorPeers("Org1MSP", List.of(new HostPort("127.0.0.1", 7051)))
                        .withAnchorPeers("Org2MSP", List.of(new HostPort("127.0.0.1", 9051))))
                .withOrderer(channel.orderer().withBatchSize(new BatchSize(50, 99 * BatchSize.MEGABYTE, 512 * 1024)))));

        assertEquals(List.of("/Channel/Orderer/Admins"), ConfigUpdateAuthorization.requiredPolicies(current, update));
        List<SignerIdentity> peerAdmins = signers(sign(sign(ConfigUpdateEnvelopes.unsigned(update), ORG1_ADMIN), ORG2_ADMIN));
        assertMessage("policy /Channel/Orderer/Admins is not satisfied",
                () -> ConfigUpdateAuthorization.authorize(current, update, peerAdmins));
        Signer ordererAdmin = Fixtures.signer("example.com", "Admin", "OrdererMSP");
        ConfigUpdateAuthorization.authorize(current, update, signers(sign(ConfigUpdateEnvelopes.unsigned(update), ordererAdmin)));
    }

    @Test
    void aStaleUpdateIsRefusedWithTheConflictingVersion() {
        // Org2's anchor update read Org2MSP at version 0; block 2 already moved it to 1.
        assertMessage("proposed update requires that key [Group]  /Channel/Application/Org2MSP be at version 0, "
                + "but it is currently at version 1",
                () -> ConfigUpdateAuthorization.requiredPolicies(FixtureChannel.config(2), lastUpdate(2).update()));
    }

    @Test
    void writeSetVersionsMustFollowTheCurrentOnes() {
        ConfigUpdate update = lastUpdate(1).update();
        ConfigUpdate skipping = withOrg1Group(update, update.getWriteSet().getGroupsOrThrow("Application")
                .getGroupsOrThrow("Org1MSP").toBuilder().setVersion(2).build());
        assertMessage("attempt to set key [Group]  /Channel/Application/Org1MSP to version 2, but key is at version 0",
                () -> ConfigUpdateAuthorization.requiredPolicies(FixtureChannel.config(0), skipping));

        ConfigUpdate noOp = update.toBuilder().setWriteSet(update.getReadSet()).build();
        assertMessage("delta set was empty", () -> ConfigUpdateAuthorization.requiredPolicies(FixtureChannel.config(0), noOp));
    }

    private static ConfigUpdate withOrg1Group(ConfigUpdate update, ConfigGroup org1) {
        ConfigGroup application = update.getWriteSet().getGroupsOrThrow("Application").toBuilder().putGroups("Org1MSP", org1).build();
        return update.toBuilder().setWriteSet(update.getWriteSet().toBuilder().putGroups("Application", application)).build();
    }

    private static ConfigUpdateEnvelope sign(ConfigUpdateEnvelope envelope, Signer signer) {
        return ConfigUpdateEnvelopes.sign(envelope, signer, ByteString.copyFromUtf8("nonce-of-" + signer.identity().commonName()));
    }

    private static List<SignerIdentity> signers(ConfigUpdateEnvelope envelope) {
        return SignerIdentity.verified(ConfigUpdateEnvelopes.signatures(envelope));
    }
}
