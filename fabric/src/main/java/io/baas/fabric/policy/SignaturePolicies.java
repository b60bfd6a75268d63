package io.baas.fabric.policy;

import io.baas.fabric.Protos;
import java.util.List;
import java.util.StringJoiner;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/** Signature policies between Fabric's text form and {@code SignaturePolicyEnvelope}. */
public final class SignaturePolicies {

    private SignaturePolicies() {
    }

    /** Parses text such as {@code OR('Org1MSP.peer', AND('Org2MSP.admin', 'Org3MSP.admin'))}. */
    public static SignaturePolicyEnvelope parse(String text) {
        return SignaturePolicyParser.parse(text);
    }

    /**
     * Renders an envelope as text that parses back to an equal envelope when its identities are
     * listed in the order the rule first uses them, as Fabric's parser writes them. A gate needing
     * one rule is written OR, one needing all rules AND, anything else OutOf.
     */
    public static String format(SignaturePolicyEnvelope envelope) {
        return format(envelope.getRule(), envelope.getIdentitiesList());
    }

    private static String format(SignaturePolicy rule, List<MSPPrincipal> identities) {
        if (rule.hasSignedBy()) {
            return "'" + principal(identities, rule.getSignedBy()) + "'";
        }
        SignaturePolicy.NOutOf gate = rule.getNOutOf();
        StringJoiner rules = new StringJoiner(", ");
        gate.getRulesList().forEach(sub -> rules.add(format(sub, identities)));
        if (gate.getN() == 1) {
            return "OR(" + rules + ")";
        }
        if (gate.getN() == gate.getRulesCount()) {
            return "AND(" + rules + ")";
        }
        return "OutOf(" + gate.getN() + ", " + rules + ")";
    }

    private static String principal(List<MSPPrincipal> identities, int index) {
        MSPRole role = role(identities, index);
        return role.getMspIdentifier() + "." + role.getRole().name().toLowerCase(java.util.Locale.ROOT);
    }

    static MSPRole role(List<MSPPrincipal> identities, int index) {
        if (index < 0 || index >= identities.size()) {
            throw new PolicyException("policy refers to identity " + index + " but has " + identities.size());
        }
        MSPPrincipal principal = identities.get(index);
        if (principal.getPrincipalClassification() != MSPPrincipal.Classification.ROLE) {
            throw new PolicyException("only role principals are supported, not " + principal.getPrincipalClassification());
        }
        return Protos.parse(MSPRole.parser(), principal.getPrincipal(), "principal " + index, PolicyException::new);
    }
}
