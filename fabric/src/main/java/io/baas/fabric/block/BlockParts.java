package io.baas.fabric.block;

import com.google.protobuf.ByteString;
import com.google.protobuf.Parser;
import io.baas.fabric.Protos;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.IdentityException;
import java.util.Optional;

/** Decoding helpers shared by the block decoders, failing with {@link BlockDecodingException}. */
final class BlockParts {

    private BlockParts() {
    }

    static <T> T parse(Parser<T> parser, ByteString bytes, String what) {
        return Protos.parse(parser, bytes, what, BlockDecodingException::new);
    }

    static FabricIdentity identity(ByteString serialized, String what) {
        try {
            return FabricIdentity.fromSerialized(serialized);
        } catch (IdentityException e) {
            throw new BlockDecodingException(what + ": " + e.getMessage(), e);
        }
    }

    /** Fabric leaves the creator empty only in unsigned envelopes such as configtxgen's genesis. */
    static Optional<FabricIdentity> optionalIdentity(ByteString serialized, String what) {
        return serialized.isEmpty() ? Optional.empty() : Optional.of(identity(serialized, what));
    }
}
