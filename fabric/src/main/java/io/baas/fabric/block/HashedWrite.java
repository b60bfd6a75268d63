package io.baas.fabric.block;

import com.google.protobuf.ByteString;

/** A private-data write: only the hashes of key and value are on the ledger. */
public record HashedWrite(ByteString keyHash, boolean delete, ByteString valueHash) {
}
