package io.baas.k8s.schema;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Built-in Kubernetes kinds against the official OpenAPI schema, as io.kubernetes:client-java-api
 * carries it: each generated model has a static {@code validateJsonElement} that refuses fields the
 * schema does not define and missing required fields, recursively through nested models. It stops at
 * the first error, so an object reports one schema violation at a time.
 */
public final class OpenApiModels {

    private static final String PACKAGE = "io.kubernetes.client.openapi.models.";
    /** The API groups of Kubernetes itself; anything else is a custom resource. */
    private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "policy", "networking.k8s.io",
            "rbac.authorization.k8s.io", "apiextensions.k8s.io", "coordination.k8s.io", "storage.k8s.io",
            "autoscaling", "admissionregistration.k8s.io", "scheduling.k8s.io", "events.k8s.io", "discovery.k8s.io",
            "apiregistration.k8s.io", "authorization.k8s.io", "authentication.k8s.io", "certificates.k8s.io", "node.k8s.io");
    /** Where the model's name is not V&lt;version&gt;&lt;Kind&gt; (two kinds named Event). */
    private static final Map<String, String> RENAMED = Map.of("v1/Event", "CoreV1Event", "events.k8s.io/v1/Event", "EventsV1Event");

    private OpenApiModels() {
    }

    public static boolean builtIn(String apiVersion) {
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return BUILT_IN_GROUPS.contains(group);
    }

    /** The model class of a built-in kind, e.g. apps/v1 StatefulSet: V1StatefulSet. */
    public static Optional<Class<?>> model(String apiVersion, String kind) {
        String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
        String name = RENAMED.getOrDefault(apiVersion + "/" + kind,
                Character.toUpperCase(version.charAt(0)) + version.substring(1) + kind);
        try {
            return Optional.of(Class.forName(PACKAGE + name));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The schema's verdict on one object's JSON: empty when valid, else the model's message. */
    public static Optional<String> validate(String apiVersion, String kind, String json) {
        return violation(apiVersion, kind, json).map(v -> v.path() + ": " + v.rule());
    }

    /**
     * The violation with its JSON path: the models name the offending JSON fragment, not where it
     * is, so the path is that of the (first) subtree equal to the fragment.
     */
    public static Optional<Violation> violation(String apiVersion, String kind, String json) {
        Class<?> model = model(apiVersion, kind)
                .orElseThrow(() -> new IllegalArgumentException("no OpenAPI model for " + apiVersion + " " + kind));
        JsonElement tree = JsonParser.parseString(json);
        return validate(model, tree).map(message -> new Violation("", locate(tree, message), "OpenAPI " + message));
    }

    static String locate(JsonElement tree, String message) {
        int at = message.lastIndexOf("JSON");
        int start = at < 0 ? -1 : indexOfAny(message, at);
        if (start < 0) {
            return "";
        }
        try {
            JsonElement fragment = JsonParser.parseString(message.substring(start));
            String path = find(tree, fragment, "");
            return path == null ? "" : path;
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static int indexOfAny(String message, int from) {
        int brace = message.indexOf('{', from);
        int bracket = message.indexOf('[', from);
        return brace < 0 ? bracket : bracket < 0 ? brace : Math.min(brace, bracket);
    }

    private static String find(JsonElement tree, JsonElement fragment, String path) {
        if (tree.equals(fragment)) {
            return path;
        }
        if (tree.isJsonObject()) {
            for (var entry : tree.getAsJsonObject().entrySet()) {
                String found = find(entry.getValue(), fragment, path + "." + entry.getKey());
                if (found != null) {
                    return found;
                }
            }
        } else if (tree.isJsonArray()) {
            for (int i = 0; i < tree.getAsJsonArray().size(); i++) {
                String found = find(tree.getAsJsonArray().get(i), fragment, path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    public static Optional<String> validate(Class<?> model, JsonElement json) {
        try {
            Method validate = model.getMethod("validateJsonElement", JsonElement.class);
            validate.invoke(null, json);
            return Optional.empty();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            // The generated models say "invalid" with these: IllegalArgument for unknown or missing fields,
            // IllegalState and UnsupportedOperation from Gson when a value has the wrong JSON type.
            if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException
                    || cause instanceof UnsupportedOperationException) {
                return Optional.of(model.getSimpleName() + ": " + cause.getMessage());
            }
            throw new IllegalStateException("validating " + model.getSimpleName(), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(model.getName() + " has no validateJsonElement", e);
        }
    }
}
