package io.baas.fabric.sandbox.orderer;

import io.baas.fabric.sandbox.common.ParsedEnvelope;
import io.baas.fabric.sandbox.common.RejectedException;
import io.baas.fabric.policy.Policy;
import io.baas.fabric.policy.PolicyException;
import io.baas.fabric.policy.SignerIdentity;
import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.protos.common.Status;

/**
 * The rules every message of a standard channel passes, in Fabric's order (msgprocessor's
 * standard channel filters): not empty, not larger than AbsoluteMaxBytes, creator not expired, and
 * signed by someone the named policy accepts.
 */
final class EnvelopeFilters {

    static final String WRITERS = "/Channel/Writers";
    static final String READERS = "/Channel/Readers";

    private EnvelopeFilters() {
    }

    static void apply(ParsedEnvelope message, ChannelState state, Instant now) {
        if (message.envelope().getPayload().isEmpty()) {
            throw new RejectedException(Status.BAD_REQUEST, "Message was empty");
        }
        // Fabric counts payload and signature, not the whole envelope.
        long size = (long) message.envelope().getPayload().size() + message.envelope().getSignature().size();
        long maxBytes = Integer.toUnsignedLong(state.batchSize().absoluteMaxBytes());
        if (size > maxBytes) {
            throw new RejectedException(Status.BAD_REQUEST,
                    "message payload is " + size + " bytes and exceeds maximum allowed " + maxBytes + " bytes");
        }
        if (isExpired(message, now)) {
            throw new RejectedException(Status.BAD_REQUEST, "broadcast client identity expired");
        }
        requireSignedFor(message, state, WRITERS);
    }

    static boolean isExpired(ParsedEnvelope message, Instant now) {
        return message.creatorExpired(now);
    }

    /** The SigFilter: the creator's signature over the payload must satisfy the policy. */
    static void requireSignedFor(ParsedEnvelope message, ChannelState state, String policyPath) {
        Policy policy;
        try {
            policy = state.policies().policy(policyPath);
        } catch (PolicyException e) {
            throw new RejectedException(Status.BAD_REQUEST, "could not find policy " + policyPath);
        }
        List<SignerIdentity> signers = message.signedData()
                .map(signed -> state.msps().verifiedSigners(List.of(signed)))
                .orElse(List.of());
        if (!policy.evaluate(signers)) {
            throw new RejectedException(Status.FORBIDDEN, "policy " + policyPath + " is not satisfied by the signature of "
                    + describe(message) + ": permission denied");
        }
    }

    private static String describe(ParsedEnvelope message) {
        return message.creatorIdentity().map(creator -> "'" + creator.commonName() + "' of " + creator.mspId())
                .orElse("an unreadable creator");
    }
}
