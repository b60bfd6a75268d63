package io.baas.pki.k8s;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names of the Secrets the service keeps in its own namespace for every tenant. A name built by
 * joining tenant-chosen names ({@code <org>-identity-<name>}) can be spelled by another tenant
 * (organization {@code p-identity}, identity {@code q}); a fixed prefix per kind plus a hash of the
 * parts separated by NUL (which no Kubernetes name contains) cannot. The readable parts go into
 * labels, and every reader checks them before it trusts a Secret found by name.
 */
public final class SecretNames {

    /** 80 bits: a second preimage for someone else's name is out of reach, and the name stays short. */
    private static final int HASH_HEX_CHARS = 20;

    private SecretNames() {}

    static String hashed(String prefix, String... parts) {
        return prefix + digest(parts).substring(0, HASH_HEX_CHARS);
    }

    /** SHA-256 (hex) of the parts joined by NUL: unambiguous for parts that hold no NUL. */
    public static String digest(String... parts) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\0", parts).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
