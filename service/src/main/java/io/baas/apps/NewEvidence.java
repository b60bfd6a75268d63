package io.baas.apps;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A document to notarize by its digest (computed by the client, e.g. in the browser), never the
 * document itself.
 *
 * @param hashAlgorithm SHA-256 when left out; SHA-384, SHA-512, SHA3-256, SHA3-384, SHA3-512 or SM3
 * @param metadata      free text, e.g. JSON, at most 4096 characters
 */
public record NewEvidence(
        @Size(max = 16) String hashAlgorithm,
        @NotNull @Pattern(regexp = "^[0-9a-fA-F]{32,128}$", message = "must be the document's digest in hex") String digest,
        @NotNull @Size(min = 1, max = 256) String title,
        @Size(max = 4096) String metadata) {
}
