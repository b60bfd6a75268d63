package io.baas.apps;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Whether a document (or its digest) is notarized on the channel: by which organization and client,
 * when, in which transaction and block.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvidenceVerification(String hashAlgorithm, String digest, boolean recorded, Evidence evidence) {
}
