package io.baas.chaincode.assets;

import io.baas.chaincode.common.Failure;
import io.baas.chaincode.common.Json;
import java.util.List;
import java.util.TreeSet;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

/** The organizations (MSP IDs) that may issue, set once by {@code Initialize}; kept sorted. */
record Minters(List<String> mspIds, String initializedBy, String txId, String timestamp) {

    static final int MAX_MINTERS = 64;

    /** A JSON array of MSP IDs, e.g. {@code ["Org1MSP","Org2MSP"]}: sorted, duplicates dropped. */
    static List<String> parse(String json) {
        JSONArray array;
        try {
            array = new JSONArray(json == null ? "" : json);
        } catch (JSONException e) {
            throw Failure.invalid("minters must be a JSON array of MSP IDs such as [\"Org1MSP\"], was '" + json + "'");
        }
        TreeSet<String> mspIds = new TreeSet<>();
        for (int i = 0; i < array.length(); i++) {
            Object item = array.get(i);
            if (!(item instanceof String mspId) || mspId.isBlank() || mspId.length() > 256
                    || mspId.indexOf('\u0000') >= 0 || !mspId.equals(mspId.strip())) {
                throw Failure.invalid("minters must be non-empty MSP ID strings, found " + item);
            }
            mspIds.add(mspId);
        }
        if (mspIds.isEmpty()) {
            throw Failure.invalid("at least one minter organization is required");
        }
        if (mspIds.size() > MAX_MINTERS) {
            throw Failure.invalid("at most " + MAX_MINTERS + " minter organizations, got " + mspIds.size());
        }
        return List.copyOf(mspIds);
    }

    boolean includes(String mspId) {
        return mspIds.contains(mspId);
    }

    String toJson() {
        return Json.object()
                .putRaw("minters", Json.stringArray(mspIds))
                .put("initializedBy", initializedBy)
                .put("txId", txId)
                .put("timestamp", timestamp)
                .toString();
    }

    static Minters fromJson(String json) {
        JSONObject o = new JSONObject(json);
        JSONArray array = o.getJSONArray("minters");
        List<String> mspIds = new java.util.ArrayList<>();
        for (int i = 0; i < array.length(); i++) {
            mspIds.add(array.getString(i));
        }
        return new Minters(List.copyOf(mspIds), o.getString("initializedBy"), o.getString("txId"), o.getString("timestamp"));
    }
}
