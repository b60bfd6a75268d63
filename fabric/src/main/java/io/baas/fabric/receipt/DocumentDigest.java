package io.baas.fabric.receipt;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * A document's digest under one of the algorithms the notarization chaincode knows, fed as the
 * document streams in (a service hashing an upload never holds it whole). SM3 (GB/T 32905) comes
 * from BouncyCastle, the others from the JDK.
 */
public final class DocumentDigest {

    /** The algorithms, as the chaincode names them. */
    public static final List<String> ALGORITHMS = List.of("SHA-256", "SHA-384", "SHA-512", "SHA3-256", "SHA3-384", "SHA3-512", "SM3");

    private final String algorithm;
    private final MessageDigest jdk;
    private final SM3Digest sm3;

    private DocumentDigest(String algorithm, MessageDigest jdk, SM3Digest sm3) {
        this.algorithm = algorithm;
        this.jdk = jdk;
        this.sm3 = sm3;
    }

    /** A fresh digest for the algorithm, named in any case; empty for one the chaincode does not know. */
    public static Optional<DocumentDigest> of(String algorithm) {
        String name = algorithm == null ? "" : algorithm.toUpperCase(Locale.ROOT);
        if (!ALGORITHMS.contains(name)) {
            return Optional.empty();
        }
        if (name.equals("SM3")) {
            return Optional.of(new DocumentDigest(name, null, new SM3Digest()));
        }
        try {
            return Optional.of(new DocumentDigest(name, MessageDigest.getInstance(name), null));
        } catch (NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }

    /** The algorithm's canonical name ({@code SHA-256}, {@code SM3}). */
    public String algorithm() {
        return algorithm;
    }

    public void update(byte[] bytes, int offset, int length) {
        if (sm3 != null) {
            sm3.update(bytes, offset, length);
        } else {
            jdk.update(bytes, offset, length);
        }
    }

    /** The digest of everything fed so far, in lower-case hex; the digest starts over afterwards. */
    public String hex() {
        if (sm3 == null) {
            return HexFormat.of().formatHex(jdk.digest());
        }
        byte[] out = new byte[sm3.getDigestSize()];
        sm3.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }

    /** The digest of a whole document at once. */
    public static Optional<String> hex(String algorithm, byte[] document) {
        return of(algorithm).map(digest -> {
            digest.update(document, 0, document.length);
            return digest.hex();
        });
    }
}
