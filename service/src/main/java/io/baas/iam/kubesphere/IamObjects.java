package io.baas.iam.kubesphere;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.iam.rbac.Binding;
import io.baas.iam.rbac.Rule;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Reads roles and bindings of every KubeSphere generation, which share one layout: {@code rules},
 * {@code roleRef} and {@code subjects} at the top level, no {@code spec}.
 */
public final class IamObjects {

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    /** Parsed at most this many objects' versions; more empty the memo. */
    private static final int MAX_PARSED = 10_000;
    /**
     * Every request's authorization reads the same roles and bindings: each version of an object
     * (named by its resourceVersion, which changes with every write) is parsed once.
     */
    private static final Map<String, Object> PARSED = new ConcurrentHashMap<>();

    private IamObjects() {
    }

    public static List<Rule> rules(GenericKubernetesResource role) {
        return parsedOnce("rules", role, IamObjects::parseRules);
    }

    public static Binding binding(GenericKubernetesResource binding) {
        return parsedOnce("binding", binding, IamObjects::parseBinding);
    }

    @SuppressWarnings("unchecked")
    private static <T> T parsedOnce(String view, GenericKubernetesResource object, Function<GenericKubernetesResource, T> parse) {
        String version = object.getMetadata() == null ? null : object.getMetadata().getResourceVersion();
        if (version == null) {
            return parse.apply(object);
        }
        String key = view + " " + object.getApiVersion() + " " + object.getKind() + " " + object.getMetadata().getNamespace() + " "
                + object.getMetadata().getName() + " " + version;
        Object parsed = PARSED.get(key);
        if (parsed == null) {
            if (PARSED.size() >= MAX_PARSED) {
                PARSED.clear();
            }
            parsed = parse.apply(object);
            PARSED.put(key, parsed);
        }
        return (T) parsed;
    }

    private static List<Rule> parseRules(GenericKubernetesResource role) {
        Object rules = role.getAdditionalProperties().get("rules");
        if (rules == null) {
            return List.of();
        }
        return JSON.convertValue(rules, new TypeReference<List<RuleJson>>() { }).stream()
                .map(r -> new Rule(r.verbs, r.apiGroups, r.resources, r.resourceNames, r.nonResourceURLs))
                .toList();
    }

    private static Binding parseBinding(GenericKubernetesResource binding) {
        Map<String, Object> props = binding.getAdditionalProperties();
        RoleRefJson ref = JSON.convertValue(props.getOrDefault("roleRef", Map.of()), RoleRefJson.class);
        List<SubjectJson> subjects = props.get("subjects") == null ? List.of()
                : JSON.convertValue(props.get("subjects"), new TypeReference<List<SubjectJson>>() { });
        return new Binding(binding.getMetadata().getName(), binding.getMetadata().getNamespace(),
                new Binding.RoleRef(nullToEmpty(ref.kind), nullToEmpty(ref.name)),
                subjects.stream().map(s -> new Binding.Subject(nullToEmpty(s.apiGroup), nullToEmpty(s.kind),
                        nullToEmpty(s.name), nullToEmpty(s.namespace))).toList());
    }

    /** The users a GroupBinding puts into its group. */
    public static List<String> groupBindingUsers(GenericKubernetesResource groupBinding) {
        Object users = groupBinding.getAdditionalProperties().get("users");
        return users == null ? List.of() : JSON.convertValue(users, new TypeReference<List<String>>() { });
    }

    public static String groupBindingGroup(GenericKubernetesResource groupBinding) {
        Object ref = groupBinding.getAdditionalProperties().get("groupRef");
        return ref == null ? "" : nullToEmpty(JSON.convertValue(ref, RoleRefJson.class).name);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> section(GenericKubernetesResource resource, String name) {
        Object value = resource.getAdditionalProperties().get(name);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    static final class RuleJson {
        public List<String> verbs;
        public List<String> apiGroups;
        public List<String> resources;
        public List<String> resourceNames;
        public List<String> nonResourceURLs;
    }

    static final class RoleRefJson {
        public String apiGroup;
        public String kind;
        public String name;
    }

    static final class SubjectJson {
        public String apiGroup;
        public String kind;
        public String name;
        public String namespace;
    }
}
