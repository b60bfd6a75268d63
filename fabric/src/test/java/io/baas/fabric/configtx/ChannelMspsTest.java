package io.baas.fabric.configtx;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.fabric.Fixtures;
import io.baas.fabric.identity.FabricIdentity;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/** Which identities a channel's MSPs accept, and that remembered verdicts answer as a fresh check would. */
class ChannelMspsTest {

    private static final String USER1 = FixtureChannel.CRYPTO
            + "peerOrganizations/org1.example.com/users/User1@org1.example.com/msp/signcerts/User1@org1.example.com-cert.pem";

    private static X509Certificate user1() {
        return FabricIdentity.parseCertificate(Fixtures.bytes(USER1));
    }

    @Test
    void acceptsAMemberAndRefusesItsCertificateUnderAnotherOrganization() {
        ChannelMsps msps = ChannelMsps.of(FixtureChannel.config(0).getChannelGroup());

        assertThat(msps.isValid(FabricIdentity.of("Org1MSP", user1()))).isTrue();
        assertThat(msps.isValid(FabricIdentity.of("Org2MSP", user1()))).isFalse();
        assertThat(msps.isValid(FabricIdentity.of("Org9MSP", user1()))).isFalse();
        // Asked again, from the cache: the same answers, the member's under its own MSP ID only.
        assertThat(msps.isValid(FabricIdentity.of("Org2MSP", user1()))).isFalse();
        assertThat(msps.isValid(FabricIdentity.of("Org1MSP", user1()))).isTrue();
    }

    @Test
    void checksAnIdentityOnceAndAnswersRepeatsFromItsVerdict() {
        ChannelMsps msps = ChannelMsps.of(FixtureChannel.config(0).getChannelGroup());
        FabricIdentity member = FabricIdentity.of("Org1MSP", user1());
        FabricIdentity stranger = FabricIdentity.of("Org2MSP", user1());

        for (int i = 0; i < 50; i++) {
            assertThat(msps.isValid(FabricIdentity.fromSerialized(com.google.protobuf.ByteString.copyFrom(member.serialized().toByteArray()))))
                    .isTrue();
            assertThat(msps.isValid(stranger)).isFalse();
        }

        assertThat(msps.chainChecks()).isEqualTo(2);
    }

    @Test
    void aNewConfigDecidesAfresh() {
        FabricIdentity member = FabricIdentity.of("Org1MSP", user1());
        ChannelMsps withOrg1 = ChannelMsps.of(FixtureChannel.config(0).getChannelGroup());
        ChannelMsps otherOrganization = ChannelMsps.local(TestMsps.generate("Org1MSP"));

        assertThat(withOrg1.isValid(member)).isTrue();
        // The same MSP ID with another CA (as after a config update replaced the root): not a member.
        assertThat(otherOrganization.isValid(member)).isFalse();
    }

    @Test
    void keepsAtMostItsLimitOfVerdicts() {
        ChannelMsps msps = ChannelMsps.of(FixtureChannel.config(0).getChannelGroup());
        for (int i = 0; i <= ChannelMsps.VERDICT_LIMIT; i++) {
            assertThat(msps.isValid(FabricIdentity.of("Unknown" + i + "MSP", user1()))).isFalse();
        }

        assertThat(msps.rememberedVerdicts()).isBetween(1, ChannelMsps.VERDICT_LIMIT);
        assertThat(msps.chainChecks()).isEqualTo(ChannelMsps.VERDICT_LIMIT + 1);
    }
}
