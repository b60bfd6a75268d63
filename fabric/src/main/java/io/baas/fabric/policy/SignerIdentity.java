package io.baas.fabric.policy;

import com.google.protobuf.ByteString;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.NodeRole;
import io.baas.fabric.identity.SignedData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An identity that signed, as policies see it: its MSP, its NodeOU role, and its serialized form,
 * which tells identities apart (two peers of one organization are two signers).
 */
public record SignerIdentity(ByteString serialized, String mspId, Optional<NodeRole> role) {

    public static SignerIdentity of(FabricIdentity identity) {
        return new SignerIdentity(identity.serialized(), identity.mspId(), identity.role());
    }

    /**
     * The distinct identities whose signatures verify, in first-seen order: Fabric drops bad
     * signatures and counts an identity that signed twice once.
     */
    public static List<SignerIdentity> verified(List<SignedData> signatures) {
        Map<ByteString, SignerIdentity> signers = new LinkedHashMap<>();
        for (SignedData signature : signatures) {
            if (signature.verify()) {
                signers.putIfAbsent(signature.signer().serialized(), of(signature.signer()));
            }
        }
        return List.copyOf(signers.values());
    }
}
