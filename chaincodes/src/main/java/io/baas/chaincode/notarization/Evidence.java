package io.baas.chaincode.notarization;

import io.baas.chaincode.common.Json;
import org.json.JSONObject;

/**
 * A recorded evidence: which digest, who recorded it, what it is called, and when and in which
 * transaction it was recorded. Stored as the JSON this record writes.
 */
record Evidence(String hashAlgorithm, String digest, String ownerMspId, String ownerId, String title,
                String metadata, String timestamp, String txId) {

    String toJson() {
        return Json.object()
                .put("hashAlgorithm", hashAlgorithm)
                .put("digest", digest)
                .put("ownerMspId", ownerMspId)
                .put("ownerId", ownerId)
                .put("title", title)
                .put("metadata", metadata)
                .put("timestamp", timestamp)
                .put("txId", txId)
                .toString();
    }

    static Evidence fromJson(String json) {
        JSONObject o = new JSONObject(json);
        return new Evidence(o.getString("hashAlgorithm"), o.getString("digest"), o.getString("ownerMspId"),
                o.getString("ownerId"), o.getString("title"), o.getString("metadata"), o.getString("timestamp"),
                o.getString("txId"));
    }

    String name() {
        return hashAlgorithm + ":" + digest;
    }
}
