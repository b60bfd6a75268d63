package io.baas.fabric.gateway;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.fabric.identity.Signer;
import org.hyperledger.fabric.client.identity.Identity;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * A custody {@link Signer} as fabric-gateway's identity and signer: the gateway is configured not
 * to hash (Hash.NONE), so it hands over the whole message and the signer hashes and signs it; the
 * private key stays where the signer keeps it.
 */
public final class GatewayIdentity {

    private GatewayIdentity() {
    }

    public static Identity identity(Signer signer) {
        byte[] credentials = credentials(signer);
        String mspId = signer.identity().mspId();
        return new Identity() {
            @Override
            public String getMspId() {
                return mspId;
            }

            @Override
            public byte[] getCredentials() {
                return credentials.clone();
            }
        };
    }

    public static org.hyperledger.fabric.client.identity.Signer signer(Signer signer) {
        return message -> signer.sign(ByteString.copyFrom(message)).toByteArray();
    }

    /** The certificate bytes exactly as the identity serializes them, so signatures and ids match. */
    private static byte[] credentials(Signer signer) {
        try {
            return SerializedIdentity.parseFrom(signer.identity().serialized()).getIdBytes().toByteArray();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("the signer's identity is not a serialized identity", e);
        }
    }
}
