package io.baas.fabric.transaction;

import com.google.protobuf.ByteString;
import io.baas.fabric.Sha256;
import java.util.HexFormat;

/** Fabric's transaction id: hex SHA-256 of the proposal nonce followed by the serialized creator. */
public final class TransactionIds {

    private TransactionIds() {
    }

    public static String compute(ByteString nonce, ByteString serializedCreator) {
        return HexFormat.of().formatHex(Sha256.digest(nonce, serializedCreator).toByteArray());
    }
}
