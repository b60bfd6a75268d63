package io.baas.fabric.block;

import io.baas.fabric.FabricDataException;

/** Bytes that do not form a Fabric block, or a block whose parts do not decode as Fabric writes them. */
public final class BlockDecodingException extends FabricDataException {

    public BlockDecodingException(String message) {
        super(message);
    }

    public BlockDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
