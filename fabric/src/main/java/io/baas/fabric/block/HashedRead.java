package io.baas.fabric.block;

import com.google.protobuf.ByteString;
import java.util.Optional;

/** A private-data read: only the key's hash is on the ledger. */
public record HashedRead(ByteString keyHash, Optional<KeyVersion> version) {
}
