package io.baas.apps;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A digest to verify: was a document with it notarized on the channel? SHA-256 when no algorithm is named. */
public record EvidenceDigest(
        @Size(max = 16) String hashAlgorithm,
        @NotNull @Pattern(regexp = "^[0-9a-fA-F]{32,128}$", message = "must be the document's digest in hex") String digest) {
}
