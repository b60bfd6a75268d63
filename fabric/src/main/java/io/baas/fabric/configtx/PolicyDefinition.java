package io.baas.fabric.configtx;

import com.google.protobuf.ByteString;
import io.baas.fabric.policy.ImplicitMetaPolicies;
import io.baas.fabric.policy.SignaturePolicies;
import org.hyperledger.fabric.protos.common.Policy;

/** A policy as configtx.yaml writes it: a type and a rule, checked when the definition is made. */
public sealed interface PolicyDefinition {

    Policy toProto();

    /**
     * configtx.yaml's rule text: {@code <ANY|ALL|MAJORITY> <policy>} is implicit-meta, anything else
     * is read as a signature policy ({@code OR('Org1MSP.peer', ...)}, {@code AND}, {@code OutOf}).
     */
    static PolicyDefinition parse(String rule) {
        String trimmed = rule == null ? "" : rule.trim();
        if (trimmed.matches("(?i)(ANY|ALL|MAJORITY)\\s+\\S+")) {
            return new ImplicitMeta(trimmed);
        }
        return new Signature(trimmed);
    }

    /** {@code ANY Readers}, {@code MAJORITY Admins}: a rule over the sub-groups' same-named policies. */
    record ImplicitMeta(String rule) implements PolicyDefinition {
        public ImplicitMeta {
            ImplicitMetaPolicies.parse(rule);
        }

        @Override
        public Policy toProto() {
            return policy(Policy.PolicyType.IMPLICIT_META, ImplicitMetaPolicies.parse(rule).toByteString());
        }
    }

    /** {@code OR('Org1MSP.admin', 'Org1MSP.peer')}: Fabric's signature policy language. */
    record Signature(String rule) implements PolicyDefinition {
        public Signature {
            SignaturePolicies.parse(rule);
        }

        @Override
        public Policy toProto() {
            return policy(Policy.PolicyType.SIGNATURE, SignaturePolicies.parse(rule).toByteString());
        }
    }

    private static Policy policy(Policy.PolicyType type, ByteString value) {
        return Policy.newBuilder().setType(type.getNumber()).setValue(value).build();
    }
}
