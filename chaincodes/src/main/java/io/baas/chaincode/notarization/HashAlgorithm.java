package io.baas.chaincode.notarization;

import io.baas.chaincode.common.Failure;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The digests an evidence may be recorded under, with their length in hex characters. */
enum HashAlgorithm {
    SHA_256("SHA-256", 64),
    SHA_384("SHA-384", 96),
    SHA_512("SHA-512", 128),
    SHA3_256("SHA3-256", 64),
    SHA3_384("SHA3-384", 96),
    SHA3_512("SHA3-512", 128),
    SM3("SM3", 64);

    private static final Pattern HEX = Pattern.compile("[0-9a-f]*");

    final String label;
    final int hexLength;

    HashAlgorithm(String label, int hexLength) {
        this.label = label;
        this.hexLength = hexLength;
    }

    /** By name, ignoring case: {@code sha-256} is SHA-256. */
    static HashAlgorithm of(String name) {
        String wanted = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
        for (HashAlgorithm algorithm : values()) {
            if (algorithm.label.equals(wanted)) {
                return algorithm;
            }
        }
        throw Failure.invalid("unsupported hash algorithm '" + name + "': use one of "
                + Arrays.stream(values()).map(a -> a.label).collect(Collectors.joining(", ")));
    }

    /** The digest in lower-case hex, checked for this algorithm's length. */
    String digest(String hex) {
        String digest = hex == null ? "" : hex.strip().toLowerCase(Locale.ROOT);
        if (!HEX.matcher(digest).matches()) {
            throw Failure.invalid("digest must be hexadecimal, was '" + hex + "'");
        }
        if (digest.length() != hexLength) {
            throw Failure.invalid("a " + label + " digest has " + hexLength + " hexadecimal characters, this one has " + digest.length());
        }
        return digest;
    }
}
