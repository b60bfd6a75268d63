package io.baas.fabric.chaincode;

import com.google.protobuf.ByteString;
import io.baas.fabric.Sha256;
import java.util.HexFormat;

/** A chaincode package file as peers install it, with the id Fabric derives from it. */
public record ChaincodePackage(String label, String type, ByteString bytes) {

    /** {@code <label>:<hex SHA-256 of the package file>}, as the peer computes it on install. */
    public String packageId() {
        return label + ":" + HexFormat.of().formatHex(Sha256.digest(bytes).toByteArray());
    }
}
