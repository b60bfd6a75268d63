package io.baas.fabric.identity;

import com.google.protobuf.ByteString;

/**
 * A signature with the bytes it covers and the identity that made it: the unit Fabric's policies
 * and validators work on (protoutil.SignedData).
 */
public record SignedData(ByteString data, FabricIdentity signer, ByteString signature) {

    /** True when the signature is a valid low-S ECDSA signature of the signer over the data. */
    public boolean verify() {
        return EcdsaSignatures.verify(signer.certificate().getPublicKey(), data.toByteArray(), signature.toByteArray());
    }
}
