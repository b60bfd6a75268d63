package io.baas.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The one way the service writes Kubernetes objects: create what is missing, patch what differs,
 * leave the rest alone, and say which. "Differs" is decided by a hash of the desired object kept in
 * an annotation, never by comparing with what the API server stored: a real server fills in
 * defaults, so a stored object never equals the desired one. (No server-side apply: the mock server
 * of the tests lacks it.)
 */
public class Applier {

    public static final String HASH_ANNOTATION = "baas.io/desired-hash";

    public enum Outcome { CREATED, PATCHED, UNCHANGED, DELETED, ABSENT }

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            .build();

    private final KubernetesClient client;

    public Applier(KubernetesClient client) {
        this.client = client;
    }

    public <T extends HasMetadata> Outcome apply(T desired) {
        return apply(desired, existing -> true);
    }

    /**
     * Like {@link #apply(HasMetadata)}, but an object that exists is patched only when {@code ours}
     * accepts it; otherwise {@link ForeignObjectException} and nothing is written.
     */
    public <T extends HasMetadata> Outcome apply(T desired, Predicate<HasMetadata> ours) {
        String hash = stampHash(desired);
        ClusterAccess.requireClusterWide(desired, "get", "create", "patch");
        HasMetadata existing = client.resource(desired).get();
        if (existing == null) {
            return createOnly(desired);
        }
        if (!ours.test(existing)) {
            throw foreign(desired);
        }
        Map<String, String> annotations = existing.getMetadata().getAnnotations();
        if (annotations != null && hash.equals(annotations.get(HASH_ANNOTATION))) {
            return Outcome.UNCHANGED;
        }
        // Merge-patch semantics (RFC 7386) applied here and sent as a JSON Patch of the difference:
        // what the server defaulted stays, what we own is replaced, lists included.
        JsonNode stored = CANONICAL.valueToTree(existing);
        JsonNode merged = keepImmutable(stored, mergePatch(stored, CANONICAL.valueToTree(desired)), existing.getKind());
        @SuppressWarnings("unchecked")
        Class<HasMetadata> type = (Class<HasMetadata>) existing.getClass();
        HasMetadata target = CANONICAL.convertValue(merged, type);
        client.resource(existing).edit(current -> target);
        return Outcome.PATCHED;
    }

    /**
     * Creates the object and never takes over one that exists: a name already taken, even between a
     * look and this call, is a {@link ForeignObjectException}.
     */
    public <T extends HasMetadata> Outcome create(T desired) {
        stampHash(desired);
        ClusterAccess.requireClusterWide(desired, "create");
        return createOnly(desired);
    }

    private Outcome createOnly(HasMetadata desired) {
        try {
            client.resource(desired).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                throw foreign(desired);
            }
            throw e;
        }
        return Outcome.CREATED;
    }

    private static String stampHash(HasMetadata desired) {
        String hash = hash(desired);
        Map<String, String> annotations = new HashMap<>(desired.getMetadata().getAnnotations() == null
                ? Map.of() : desired.getMetadata().getAnnotations());
        annotations.put(HASH_ANNOTATION, hash);
        desired.getMetadata().setAnnotations(annotations);
        return hash;
    }

    private static ForeignObjectException foreign(HasMetadata desired) {
        String namespace = desired.getMetadata().getNamespace();
        String name = (namespace == null ? "" : namespace + "/") + desired.getMetadata().getName();
        return new ForeignObjectException(desired.getKind(), desired.getMetadata().getName(),
                desired.getKind() + " " + name + " exists and was not made by the service for this purpose; it is left as it is");
    }

    /**
     * Fields the API server never lets change once an object exists (a 422 that would also refuse
     * every other change sent with them): an existing object keeps its own. The hash still describes
     * the desired object, so a changed wish is patched once (the rest of it) and then left alone;
     * what the kept fields mean for the object is someone else's step (for ledger claims,
     * {@link StatefulSetClaims}).
     */
    static final Map<String, List<String>> IMMUTABLE = Map.of("StatefulSet", List.of("/spec/volumeClaimTemplates"));

    private static JsonNode keepImmutable(JsonNode stored, JsonNode merged, String kind) {
        for (String pointer : IMMUTABLE.getOrDefault(kind, List.of())) {
            JsonNode kept = stored.at(pointer);
            int cut = pointer.lastIndexOf('/');
            JsonNode parent = merged.at(pointer.substring(0, cut));
            if (parent instanceof ObjectNode object) {
                if (kept.isMissingNode()) {
                    object.remove(pointer.substring(cut + 1));
                } else {
                    object.set(pointer.substring(cut + 1), kept.deepCopy());
                }
            }
        }
        return merged;
    }

    /** RFC 7386: objects merge key by key, null removes, anything else (lists too) replaces. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : CANONICAL.createObjectNode();
        patch.fields().forEachRemaining(field -> {
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), mergePatch(result.get(field.getKey()), field.getValue()));
            }
        });
        return result;
    }

    public Outcome delete(HasMetadata object) {
        ClusterAccess.requireClusterWide(object, "get", "delete");
        if (client.resource(object).get() == null) {
            return Outcome.ABSENT;
        }
        client.resource(object).delete();
        return Outcome.DELETED;
    }

    /** SHA-256 of the object as we want it, in canonical JSON, without the hash itself and server-owned fields. */
    static String hash(HasMetadata desired) {
        Map<String, Object> tree = CANONICAL.convertValue(desired, CANONICAL.getTypeFactory()
                .constructMapType(Map.class, String.class, Object.class));
        Object metadata = tree.get("metadata");
        if (metadata instanceof Map<?, ?> meta) {
            @SuppressWarnings("unchecked")
            Map<String, Object> copy = new HashMap<>((Map<String, Object>) meta);
            copy.remove("resourceVersion");
            copy.remove("uid");
            copy.remove("creationTimestamp");
            copy.remove("generation");
            copy.remove("managedFields");
            if (copy.get("annotations") instanceof Map<?, ?> annotations) {
                Map<Object, Object> rest = new HashMap<>(annotations);
                rest.remove(HASH_ANNOTATION);
                copy.put("annotations", rest);
            }
            tree.put("metadata", copy);
        }
        tree.remove("status");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(CANONICAL.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash " + desired.getKind() + " " + desired.getMetadata().getName(), e);
        }
    }
}
