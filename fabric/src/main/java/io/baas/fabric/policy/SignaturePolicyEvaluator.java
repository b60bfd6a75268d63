package io.baas.fabric.policy;

import java.util.List;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/**
 * Evaluates a signature policy with Fabric's cauthdsl semantics: principals are matched greedily
 * in rule order, each signer satisfies at most one principal, and a gate keeps the signers a
 * satisfied sub-rule consumed while a failed sub-rule consumes none.
 */
public final class SignaturePolicyEvaluator implements Policy {

    private interface Rule {
        boolean evaluate(List<SignerIdentity> signers, boolean[] used);
    }

    private final Rule root;

    private SignaturePolicyEvaluator(Rule root) {
        this.root = root;
    }

    public static SignaturePolicyEvaluator compile(SignaturePolicyEnvelope envelope) {
        if (!envelope.hasRule()) {
            throw new PolicyException("signature policy has no rule");
        }
        return new SignaturePolicyEvaluator(compile(envelope.getRule(), envelope));
    }

    public static SignaturePolicyEvaluator compile(String text) {
        return compile(SignaturePolicies.parse(text));
    }

    /** Signers listed twice count once, as after Fabric's deduplication of signed data. */
    @Override
    public boolean evaluate(List<SignerIdentity> signers) {
        List<SignerIdentity> distinct = signers.stream().distinct().toList();
        return root.evaluate(distinct, new boolean[distinct.size()]);
    }

    private static Rule compile(SignaturePolicy policy, SignaturePolicyEnvelope envelope) {
        return switch (policy.getTypeCase()) {
            case SIGNED_BY -> signedBy(SignaturePolicies.role(envelope.getIdentitiesList(), policy.getSignedBy()));
            case N_OUT_OF -> nOutOf(policy.getNOutOf().getN(),
                    policy.getNOutOf().getRulesList().stream().map(rule -> compile(rule, envelope)).toList());
            case TYPE_NOT_SET -> throw new PolicyException("signature policy element has no type");
        };
    }

    private static Rule signedBy(MSPRole principal) {
        return (signers, used) -> {
            for (int i = 0; i < signers.size(); i++) {
                if (!used[i] && satisfies(signers.get(i), principal)) {
                    used[i] = true;
                    return true;
                }
            }
            return false;
        };
    }

    private static Rule nOutOf(int n, List<Rule> rules) {
        return (signers, used) -> {
            int satisfied = 0;
            for (Rule rule : rules) {
                boolean[] attempt = used.clone();
                if (rule.evaluate(signers, attempt)) {
                    satisfied++;
                    System.arraycopy(attempt, 0, used, 0, used.length);
                }
            }
            return satisfied >= n;
        };
    }

    /** MEMBER is any identity of the MSP; the other roles are NodeOU classifications. */
    static boolean satisfies(SignerIdentity signer, MSPRole principal) {
        if (!signer.mspId().equals(principal.getMspIdentifier())) {
            return false;
        }
        return switch (principal.getRole()) {
            case MEMBER -> true;
            case ADMIN, CLIENT, PEER, ORDERER -> signer.role()
                    .map(role -> role.name().equals(principal.getRole().name()))
                    .orElse(false);
            case UNRECOGNIZED -> false;
        };
    }
}
