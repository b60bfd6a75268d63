package io.baas.fabric.sandbox.peer.ledger;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version;

/** The hash of a committed private value, as every peer of the channel holds it, and the height of the transaction that wrote it. */
public record PrivateHash(ByteString valueHash, long blockNumber, long txNumber) {

    /** Fabric's key hash: SHA-256 of the key's UTF-8 bytes. */
    public static ByteString keyHash(String key) {
        return io.baas.fabric.Sha256.digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public Version version() {
        return Version.newBuilder().setBlockNum(blockNumber).setTxNum(txNumber).build();
    }
}
