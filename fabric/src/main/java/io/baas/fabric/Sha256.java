package io.baas.fabric;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, the only hash Fabric 2.5 uses for ids, block hashes and package ids. */
public final class Sha256 {

    private Sha256() {
    }

    /** The digest of the concatenation of the parts. */
    public static ByteString digest(ByteString... parts) {
        MessageDigest digest = newDigest();
        for (ByteString part : parts) {
            digest.update(part.asReadOnlyByteBuffer());
        }
        return ByteString.copyFrom(digest.digest());
    }

    public static ByteString digest(byte[] bytes) {
        return ByteString.copyFrom(newDigest().digest(bytes));
    }

    /** The digest of a file, read in pieces: chaincode jars run to tens of megabytes. */
    public static ByteString digest(Path file) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return ByteString.copyFrom(digest.digest());
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
