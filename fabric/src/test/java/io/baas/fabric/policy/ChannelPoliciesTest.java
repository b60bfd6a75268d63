package io.baas.fabric.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.baas.fabric.Fixtures;
import io.baas.fabric.block.BlockDecoder;
import io.baas.fabric.block.DecodedTransaction;
import io.baas.fabric.identity.SignedData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fixture channel's own policies, evaluated against the identities that really signed. */
class ChannelPoliciesTest {

    private final ChannelPolicies policies = new ChannelPolicies(
            BlockDecoder.decode(Fixtures.block(2)).transactions().get(0).config().orElseThrow().config());

    private static DecodedTransaction tx(int block, int index) {
        return BlockDecoder.decode(Fixtures.block(block)).transactions().get(index);
    }

    private static List<SignerIdentity> endorsers(int block, int index) {
        return SignerIdentity.verified(tx(block, index).actions().get(0).endorsements());
    }

    private static SignerIdentity creator(int block, int index) {
        return SignerIdentity.of(tx(block, index).creator().orElseThrow());
    }

    @Test
    void endorsementPolicyExplainsTheValidationCodes() {
        Policy endorsement = policies.policy("/Channel/Application/Endorsement");

        for (int block = 6; block <= 10; block++) {
            assertTrue(endorsement.evaluate(endorsers(block, 0)), "block " + block);
        }
        assertTrue(endorsement.evaluate(endorsers(10, 1)));
        // Block 11 was endorsed by peer0.org1 only and failed with ENDORSEMENT_POLICY_FAILURE.
        assertFalse(endorsement.evaluate(endorsers(11, 0)));
    }

    @Test
    void lifecycleEndorsementNeedsAMajorityOfOrganizations() {
        Policy lifecycle = policies.policy("/Channel/Application/LifecycleEndorsement");

        assertTrue(lifecycle.evaluate(endorsers(5, 0)));
        assertFalse(lifecycle.evaluate(endorsers(3, 0)));
        assertFalse(lifecycle.evaluate(endorsers(4, 0)));
    }

    @Test
    void adminsWritersAndOrdererPoliciesHoldForTheRightIdentities() {
        SignerIdentity adminOrg1 = creator(7, 0);
        SignerIdentity adminOrg2 = creator(10, 0);
        SignerIdentity userOrg2 = creator(8, 0);
        SignerIdentity peerOrg1 = endorsers(11, 0).get(0);

        assertFalse(policies.policy("/Channel/Application/Admins").evaluate(List.of(adminOrg1)));
        assertTrue(policies.policy("/Channel/Application/Admins").evaluate(List.of(adminOrg1, adminOrg2)));
        assertTrue(policies.policy("/Channel/Application/Writers").evaluate(List.of(userOrg2)));
        assertFalse(policies.policy("/Channel/Application/Writers").evaluate(List.of(peerOrg1)));
        assertTrue(policies.policy("/Channel/Application/Org1MSP/Admins").evaluate(List.of(adminOrg1)));
        assertFalse(policies.policy("/Channel/Application/Org1MSP/Admins").evaluate(List.of(adminOrg2)));

        SignedData blockSignature = BlockDecoder.decode(Fixtures.block(5)).metadata().ordererSignatures().get(0);
        assertTrue(policies.policy("/Channel/Orderer/BlockValidation").evaluate(SignerIdentity.verified(List.of(blockSignature))));
        assertFalse(policies.policy("/Channel/Orderer/BlockValidation").evaluate(List.of(adminOrg1)));
    }

    @Test
    void theSameIdentitySigningTwiceOrBadSignaturesDoNotCount() {
        List<SignedData> endorsements = new ArrayList<>(tx(11, 0).actions().get(0).endorsements());
        endorsements.add(endorsements.get(0));
        SignedData forgedOrg2 = tx(10, 0).actions().get(0).endorsements().stream()
                .filter(e -> e.signer().mspId().equals("Org2MSP")).findFirst().orElseThrow();
        endorsements.add(new SignedData(ByteString.copyFromUtf8("other bytes"), forgedOrg2.signer(), forgedOrg2.signature()));

        List<SignerIdentity> signers = SignerIdentity.verified(endorsements);

        assertEquals(1, signers.size());
        assertFalse(policies.policy("/Channel/Application/Endorsement").evaluate(signers));
    }

    @Test
    void rejectsPathsOutsideTheConfig() {
        for (String path : new String[] {"/Channel/Application/Nope", "/Channel/Nope/Admins", "Channel/Admins", "/Other/Admins", "/Channel"}) {
            assertThrows(PolicyException.class, () -> policies.policy(path), path);
        }
    }
}
