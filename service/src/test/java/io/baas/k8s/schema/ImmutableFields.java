package io.baas.k8s.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fields the API server refuses to change on update (422 "field is immutable"), compared between
 * two states of the same object (same uid: a deleted and re-made object may differ).
 */
public final class ImmutableFields {

    /** Per kind, the JSON pointers that cannot change once set. */
    static final Map<String, List<String>> FIELDS = Map.of(
            "StatefulSet", List.of("/spec/selector", "/spec/serviceName", "/spec/volumeClaimTemplates", "/spec/podManagementPolicy"),
            "Deployment", List.of("/spec/selector"),
            "Service", List.of("/spec/clusterIP"),
            "PersistentVolumeClaim", List.of("/spec/storageClassName"),
            "Job", List.of("/spec/selector", "/spec/template"));

    private ImmutableFields() {
    }

    public static String key(JsonNode object) {
        return object.path("kind").asText() + " " + object.at("/metadata/namespace").asText("") + "/" + object.at("/metadata/name").asText();
    }

    /** Every refused change from {@code before} to {@code after}, as "Kind ns/name: path: what". */
    public static List<Violation> changes(List<JsonNode> before, List<JsonNode> after) {
        Map<String, JsonNode> earlier = new HashMap<>();
        before.forEach(o -> earlier.put(key(o), o));
        List<Violation> out = new ArrayList<>();
        for (JsonNode now : after) {
            JsonNode then = earlier.get(key(now));
            if (then == null || !then.at("/metadata/uid").asText("").equals(now.at("/metadata/uid").asText(""))) {
                continue;
            }
            out.addAll(changes(key(now), then, now));
        }
        return out;
    }

    static List<Violation> changes(String object, JsonNode then, JsonNode now) {
        List<Violation> out = new ArrayList<>();
        String kind = now.path("kind").asText();
        for (String pointer : FIELDS.getOrDefault(kind, List.of())) {
            JsonNode was = then.at(pointer);
            JsonNode is = now.at(pointer);
            // A Service's clusterIP may be filled in by the server, never changed once it is set.
            boolean unset = was.isMissingNode() || was.isNull() || kind.equals("Service") && was.asText().isEmpty();
            if (!unset && !was.equals(is)) {
                out.add(new Violation(object, pointer.replace('/', '.'), "field is immutable: changed from " + was + " to " + is));
            }
        }
        if ((kind.equals("Secret") || kind.equals("ConfigMap")) && then.path("immutable").asBoolean(false)) {
            for (String field : List.of("data", "stringData", "binaryData", "immutable")) {
                if (!then.path(field).equals(now.path(field))) {
                    out.add(new Violation(object, "." + field, "field is immutable when immutable is true: changed"));
                }
            }
        }
        return out;
    }
}
