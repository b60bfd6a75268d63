package io.baas.fabric.chaincode;

import com.google.protobuf.ByteString;

/** A file or directory of a tar archive; directories have no content. */
public record TarEntry(String name, boolean directory, int mode, ByteString content) {

    public static TarEntry file(String name, ByteString content) {
        return new TarEntry(name, false, 0644, content);
    }

    public static TarEntry directory(String name) {
        return new TarEntry(name, true, 0755, ByteString.EMPTY);
    }
}
