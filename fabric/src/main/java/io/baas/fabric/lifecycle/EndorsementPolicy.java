package io.baas.fabric.lifecycle;

import com.google.protobuf.ByteString;
import io.baas.fabric.Protos;
import io.baas.fabric.policy.SignaturePolicies;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;

/**
 * A chaincode's endorsement policy as the lifecycle carries it in {@code validation_parameter}:
 * none (the peer then applies /Channel/Application/Endorsement), a signature policy, or a
 * reference to a channel policy.
 */
public sealed interface EndorsementPolicy {

    ByteString toValidationParameter();

    /** Leaves the choice to the peer's default, as the CLI does without --signature-policy. */
    record ChannelDefault() implements EndorsementPolicy {
        @Override
        public ByteString toValidationParameter() {
            return ByteString.EMPTY;
        }
    }

    /** A signature policy in Fabric's text form, e.g. {@code AND('Org1MSP.peer', 'Org2MSP.peer')}. */
    record Signature(String policy) implements EndorsementPolicy {
        @Override
        public ByteString toValidationParameter() {
            return ApplicationPolicy.newBuilder().setSignaturePolicy(SignaturePolicies.parse(policy)).build().toByteString();
        }
    }

    /** A channel policy path, e.g. {@code /Channel/Application/Endorsement}. */
    record ChannelReference(String policyPath) implements EndorsementPolicy {
        @Override
        public ByteString toValidationParameter() {
            return ApplicationPolicy.newBuilder().setChannelConfigPolicyReference(policyPath).build().toByteString();
        }
    }

    static EndorsementPolicy fromValidationParameter(ByteString parameter) {
        if (parameter.isEmpty()) {
            return new ChannelDefault();
        }
        ApplicationPolicy policy = Protos.parse(ApplicationPolicy.parser(), parameter, "validation parameter",
                LifecycleMessageException::new);
        return switch (policy.getTypeCase()) {
            case SIGNATURE_POLICY -> new Signature(SignaturePolicies.format(policy.getSignaturePolicy()));
            case CHANNEL_CONFIG_POLICY_REFERENCE -> new ChannelReference(policy.getChannelConfigPolicyReference());
            case TYPE_NOT_SET -> throw new LifecycleMessageException("validation parameter names no policy");
        };
    }
}
