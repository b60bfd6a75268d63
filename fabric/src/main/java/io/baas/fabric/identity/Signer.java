package io.baas.fabric.identity;

import com.google.protobuf.ByteString;

/**
 * Signs on behalf of one identity. An interface so private keys can stay in custody (an HSM, a
 * vault): callers only see the identity and the signatures.
 */
public interface Signer {

    FabricIdentity identity();

    /** A DER ECDSA signature over SHA-256 of the message, with low S as Fabric requires. */
    ByteString sign(ByteString message);
}
