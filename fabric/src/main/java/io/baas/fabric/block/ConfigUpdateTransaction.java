package io.baas.fabric.block;

import com.google.protobuf.ByteString;
import io.baas.fabric.identity.SignedData;
import java.util.List;
import org.hyperledger.fabric.protos.common.ConfigUpdate;

/**
 * The CONFIG_UPDATE a channel admin submitted, carried inside a CONFIG transaction: its envelope
 * signature, the admins' config signatures, and the update both as bytes (what was signed) and
 * decoded.
 */
public record ConfigUpdateTransaction(SignedData envelopeSignature, List<SignedData> configSignatures,
        ByteString updateBytes, ConfigUpdate update) {
}
