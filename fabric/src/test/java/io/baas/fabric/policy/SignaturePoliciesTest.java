package io.baas.fabric.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.baas.fabric.Fixtures;
import io.baas.fabric.block.BlockDecoder;
import java.util.Map;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.junit.jupiter.api.Test;

class SignaturePoliciesTest {

    /** The organization policies of crypto/configtx.yaml, as configtxgen put them into the genesis block. */
    private static final Map<String, String> ORG1_RULES = Map.of(
            "Readers", "OR('Org1MSP.admin', 'Org1MSP.peer', 'Org1MSP.client')",
            "Writers", "OR('Org1MSP.admin', 'Org1MSP.client')",
            "Admins", "OR('Org1MSP.admin')",
            "Endorsement", "OR('Org1MSP.peer')");

    @Test
    void parsesConfigtxRulesIntoTheEnvelopesConfigtxgenWrote() throws Exception {
        ConfigGroup org1 = genesisGroup("Application", "Org1MSP");
        ConfigGroup orderer = genesisGroup("Orderer", "OrdererOrg");

        ORG1_RULES.forEach((name, rule) -> assertEquals(envelope(org1, name), SignaturePolicies.parse(rule), name));
        assertEquals(envelope(orderer, "Readers"), SignaturePolicies.parse("OR('OrdererMSP.member')"));
    }

    @Test
    void formatsTheFixtureEnvelopesAsConfigtxWroteThem() throws Exception {
        ConfigGroup org1 = genesisGroup("Application", "Org1MSP");

        ORG1_RULES.forEach((name, rule) -> assertEquals(rule, SignaturePolicies.format(envelope(org1, name)), name));
    }

    @Test
    void givesEveryPrincipalOccurrenceItsOwnIdentityAsFabricDoes() {
        SignaturePolicyEnvelope envelope = SignaturePolicies.parse(
                "OutOf(2, 'Org1MSP.member', AND('Org2MSP.admin', 'Org1MSP.member'), or(\"Org3.example-MSP.orderer\"))");

        assertEquals(4, envelope.getIdentitiesCount());
        assertEquals(envelope.getIdentities(0), envelope.getIdentities(2));
        SignaturePolicy.NOutOf root = envelope.getRule().getNOutOf();
        assertEquals(2, root.getN());
        assertEquals(0, root.getRules(0).getSignedBy());
        assertEquals(2, root.getRules(1).getNOutOf().getN());
        assertEquals(1, root.getRules(1).getNOutOf().getRules(0).getSignedBy());
        assertEquals(1, root.getRules(2).getNOutOf().getN());
        assertEquals(3, root.getRules(2).getNOutOf().getRules(0).getSignedBy());
        assertEquals("OutOf(2, 'Org1MSP.member', AND('Org2MSP.admin', 'Org1MSP.member'), OR('Org3.example-MSP.orderer'))",
                SignaturePolicies.format(envelope));
        assertEquals(envelope, SignaturePolicies.parse(SignaturePolicies.format(envelope)));
    }

    @Test
    void acceptsFabricsGateSpellingsOnly() {
        SignaturePolicyEnvelope expected = SignaturePolicies.parse("AND('A.peer', 'B.peer')");
        for (String gate : new String[] {"And", "and", "AND"}) {
            assertEquals(expected, SignaturePolicies.parse(gate + "('A.peer','B.peer')"));
        }
        assertEquals(expected, SignaturePolicies.parse("  OUTOF( 2 , 'A.peer' ,\n 'B.peer' )  "));
        assertThrows(PolicyException.class, () -> SignaturePolicies.parse("aNd('A.peer')"));
    }

    @Test
    void rejectsMalformedPolicies() {
        for (String text : new String[] {
            "", "'Org1MSP.peer'", "XOR('A.peer')", "OR('A.superuser')", "OR('A peer')", "OR(A.peer)", "OR('A.peer'",
            "OR('A.peer') OR('B.peer')", "OutOf('A.peer')", "OutOf(3, 'A.peer')", "OR()", "OR('A.peer',)", "OR('A.peer)"}) {
            PolicyException e = assertThrows(PolicyException.class, () -> SignaturePolicies.parse(text), text);
            assertTrue(e.getMessage().contains("of policy"), e.getMessage());
        }
    }

    @Test
    void acceptsTheUnsatisfiableNPlusOneThresholdFabricAccepts() {
        assertEquals(2, SignaturePolicies.parse("OutOf(2, 'A.peer')").getRule().getNOutOf().getN());
    }

    @Test
    void cannotFormatPrincipalsOtherThanRoles() {
        SignaturePolicyEnvelope byIdentity = SignaturePolicyEnvelope.newBuilder()
                .setRule(SignaturePolicy.newBuilder().setSignedBy(0))
                .addIdentities(MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.IDENTITY))
                .build();
        SignaturePolicyEnvelope outOfRange = SignaturePolicyEnvelope.newBuilder()
                .setRule(SignaturePolicy.newBuilder().setSignedBy(1))
                .addIdentities(MSPPrincipal.newBuilder().setPrincipal(
                        MSPRole.newBuilder().setMspIdentifier("A").build().toByteString()))
                .build();

        assertThrows(PolicyException.class, () -> SignaturePolicies.format(byIdentity));
        assertEquals("policy refers to identity 1 but has 1",
                assertThrows(PolicyException.class, () -> SignaturePolicies.format(outOfRange)).getMessage());
    }

    static ConfigGroup genesisGroup(String section, String org) {
        return BlockDecoder.decode(Fixtures.block(0)).transactions().get(0).config().orElseThrow().config()
                .getChannelGroup().getGroupsOrThrow(section).getGroupsOrThrow(org);
    }

    private static SignaturePolicyEnvelope envelope(ConfigGroup group, String name) {
        try {
            return SignaturePolicyEnvelope.parseFrom(group.getPoliciesOrThrow(name).getPolicy().getValue());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
