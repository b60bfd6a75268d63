package io.baas.fabric.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.baas.fabric.identity.NodeRole;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.junit.jupiter.api.Test;

class SignaturePolicyEvaluatorTest {

    private static int serial;

    private static SignerIdentity signer(String mspId, NodeRole role) {
        return new SignerIdentity(ByteString.copyFromUtf8("identity-" + serial++), mspId, Optional.ofNullable(role));
    }

    private static boolean evaluate(String policy, SignerIdentity... signers) {
        return SignaturePolicyEvaluator.compile(policy).evaluate(List.of(signers));
    }

    @Test
    void rolesAreNodeOusAndMemberIsAnyone() {
        assertTrue(evaluate("OR('A.peer', 'B.peer')", signer("B", NodeRole.PEER)));
        assertFalse(evaluate("OR('A.peer', 'B.peer')", signer("B", NodeRole.CLIENT)));
        assertFalse(evaluate("OR('A.peer')", signer("AA", NodeRole.PEER)));
        for (NodeRole role : NodeRole.values()) {
            assertTrue(evaluate("OR('A.member')", signer("A", role)));
            assertTrue(evaluate("OR('A." + role + "')", signer("A", role)));
        }
        assertTrue(evaluate("OR('A.member')", signer("A", null)));
        assertFalse(evaluate("OR('A.admin')", signer("A", null)));
    }

    @Test
    void anIdentitySatisfiesOnePrincipalOnly() {
        SignerIdentity admin = signer("A", NodeRole.ADMIN);

        assertFalse(evaluate("AND('A.member', 'A.admin')", admin));
        assertFalse(evaluate("AND('A.admin', 'A.admin')", admin, admin));
        assertTrue(evaluate("AND('A.admin', 'A.admin')", admin, signer("A", NodeRole.ADMIN)));
        assertTrue(evaluate("OutOf(2, 'A.peer', 'B.peer', 'C.peer')", signer("C", NodeRole.PEER), signer("A", NodeRole.PEER)));
        assertFalse(evaluate("OutOf(2, 'A.peer', 'B.peer', 'C.peer')", signer("C", NodeRole.PEER), signer("D", NodeRole.PEER)));
    }

    @Test
    void matchesGreedilyInSignerOrderLikeFabric() {
        // Fabric does not search for the best assignment: 'A.member' takes the first signer it fits.
        SignerIdentity admin = signer("A", NodeRole.ADMIN);
        SignerIdentity peer = signer("A", NodeRole.PEER);

        assertFalse(evaluate("AND('A.member', 'A.admin')", admin, peer));
        assertTrue(evaluate("AND('A.member', 'A.admin')", peer, admin));
    }

    @Test
    void aFailedSubRuleGivesBackTheSignersItTried() {
        assertTrue(evaluate("OR(AND('A.member', 'B.member'), 'A.admin')", signer("A", NodeRole.ADMIN)));
    }

    @Test
    void theNPlusOneThresholdIsNeverSatisfied() {
        assertFalse(evaluate("OutOf(2, 'A.member')", signer("A", NodeRole.ADMIN), signer("A", NodeRole.PEER)));
        assertTrue(evaluate("OutOf(0, 'A.member')"));
    }

    @Test
    void rejectsEnvelopesThatCannotBeCompiled() {
        assertThrows(PolicyException.class, () -> SignaturePolicyEvaluator.compile(SignaturePolicyEnvelope.getDefaultInstance()));
        SignaturePolicyEnvelope dangling = SignaturePolicyEnvelope.newBuilder()
                .setRule(SignaturePolicy.newBuilder().setSignedBy(0)).build();
        assertThrows(PolicyException.class, () -> SignaturePolicyEvaluator.compile(dangling));
    }
}
