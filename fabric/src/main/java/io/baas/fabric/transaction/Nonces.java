package io.baas.fabric.transaction;

import com.google.protobuf.ByteString;
import java.security.SecureRandom;
import java.util.function.Supplier;

/** Nonces for signature headers: 24 random bytes, the size Fabric's protoutil.CreateNonce uses. */
public final class Nonces {

    public static final int SIZE = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Nonces() {
    }

    public static ByteString random() {
        byte[] nonce = new byte[SIZE];
        RANDOM.nextBytes(nonce);
        return ByteString.copyFrom(nonce);
    }

    /** The source to pass where a nonce supplier is expected outside tests. */
    public static Supplier<ByteString> secureRandom() {
        return Nonces::random;
    }
}
