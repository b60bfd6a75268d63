package io.baas.apps;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A notarized document's record on the ledger, as the notarization chaincode keeps it, with the
 * block that holds its transaction where the service looked it up.
 *
 * @param id          {@code <hashAlgorithm>:<digest>}, how the API names the evidence
 * @param ownerMspId  the recording client's organization
 * @param ownerId     the recording client, as chaincodes name it ({@code x509::<subject>::<issuer>})
 * @param timestamp   the transaction's time (the proposal's, the same on every endorser)
 * @param blockNumber null where not looked up
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(String id, String hashAlgorithm, String digest, String ownerMspId, String ownerId, String title, String metadata,
                       String timestamp, String txId, Long blockNumber) {

    Evidence withBlock(long number) {
        return new Evidence(idOf(hashAlgorithm, digest), hashAlgorithm, digest, ownerMspId, ownerId, title, metadata, timestamp, txId, number);
    }

    Evidence withId() {
        return new Evidence(idOf(hashAlgorithm, digest), hashAlgorithm, digest, ownerMspId, ownerId, title, metadata, timestamp, txId,
                blockNumber);
    }

    static String idOf(String hashAlgorithm, String digest) {
        return hashAlgorithm + ":" + digest;
    }
}
