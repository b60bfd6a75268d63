package io.baas.k8s.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.baas.support.PodSecurityRestricted;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the API server and its admission refuse beyond the OpenAPI schema: apimachinery's name,
 * label and quantity syntax, core validation of Events, Pod Security "restricted", and what this
 * project requires of every pod (requests and limits, so a namespace quota admits it) and
 * StatefulSet (a headless governing Service). Each rule returns messages that start with the JSON
 * path they are about.
 */
public final class ObjectRules {

    private static final String DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern LABEL_1123 = Pattern.compile(DNS1123_LABEL);
    private static final Pattern SUBDOMAIN = Pattern.compile(DNS1123_LABEL + "(\\." + DNS1123_LABEL + ")*");
    private static final Pattern LABEL_1035 = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final Pattern IANA_SVC_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    /** apimachinery's resource.Quantity syntax. */
    private static final Pattern QUANTITY = Pattern.compile(
            "[+-]?(\\d+(\\.\\d*)?|\\.\\d+)(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?(\\d+(\\.\\d*)?|\\.\\d+)))?");
    /** Kinds whose names are path segments (RBAC): "system:aggregate-to-view" is fine there. */
    private static final Set<String> PATH_SEGMENT_NAMES = Set.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding",
            "GlobalRole", "GlobalRoleBinding", "WorkspaceRole", "WorkspaceRoleBinding", "RoleTemplate", "Category", "BuiltinRole");
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");

    private ObjectRules() {
    }

    public static boolean dns1123Label(String value) {
        return value.length() <= 63 && LABEL_1123.matcher(value).matches();
    }

    public static boolean dns1123Subdomain(String value) {
        return value.length() <= 253 && SUBDOMAIN.matcher(value).matches();
    }

    public static boolean rfc1035Label(String value) {
        return value.length() <= 63 && LABEL_1035.matcher(value).matches();
    }

    /** A label or annotation key: an optional DNS subdomain prefix and "/", then a name of at most 63. */
    public static boolean qualifiedName(String key) {
        int slash = key.lastIndexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0 && (slash == 0 || !dns1123Subdomain(key.substring(0, slash)))) {
            return false;
        }
        return !name.isEmpty() && name.length() <= 63 && QUALIFIED_NAME.matcher(name).matches();
    }

    public static boolean labelValue(String value) {
        return value.isEmpty() || value.length() <= 63 && QUALIFIED_NAME.matcher(value).matches();
    }

    public static boolean quantity(String value) {
        return QUANTITY.matcher(value).matches();
    }

    /** metadata.name (or generateName), namespace, labels and annotations. */
    public static List<String> metadata(JsonNode object, boolean namespaced) {
        List<String> out = new ArrayList<>();
        String kind = object.path("kind").asText();
        JsonNode metadata = object.path("metadata");
        String name = metadata.path("name").asText("");
        String generateName = metadata.path("generateName").asText("");
        if (name.isEmpty() && generateName.isEmpty()) {
            out.add(".metadata.name: required (name or generateName)");
        }
        // A name made from generateName by the mock (a UUID suffix) is not what a server makes (5 characters): check the prefix.
        boolean generated = !generateName.isEmpty() && name.startsWith(generateName);
        if (!name.isEmpty() && !generated) {
            if (kind.equals("Service") && !rfc1035Label(name)) {
                out.add(".metadata.name: \"" + name + "\" is not an RFC 1035 label (a Service name: lower case letter first, at most 63)");
            } else if (kind.equals("Namespace") && !dns1123Label(name)) {
                out.add(".metadata.name: \"" + name + "\" is not a DNS-1123 label (a Namespace name)");
            } else if (PATH_SEGMENT_NAMES.contains(kind)) {
                if (name.equals(".") || name.equals("..") || name.contains("/") || name.contains("%")) {
                    out.add(".metadata.name: \"" + name + "\" is not a valid path segment name");
                }
            } else if (!dns1123Subdomain(name)) {
                out.add(".metadata.name: \"" + name + "\" is not a DNS-1123 subdomain");
            }
        }
        if (!generateName.isEmpty() && !dns1123Subdomain(generateName + "x7k2q")) {
            out.add(".metadata.generateName: \"" + generateName + "\" does not give a DNS-1123 subdomain");
        }
        String namespace = metadata.path("namespace").asText("");
        if (namespaced && namespace.isEmpty()) {
            out.add(".metadata.namespace: a namespaced " + kind + " needs a namespace");
        } else if (!namespaced && !namespace.isEmpty()) {
            out.add(".metadata.namespace: a cluster-scoped " + kind + " has no namespace (has \"" + namespace + "\")");
        } else if (!namespace.isEmpty() && !dns1123Label(namespace)) {
            out.add(".metadata.namespace: \"" + namespace + "\" is not a DNS-1123 label");
        }
        fields(metadata.path("labels"), (key, value) -> {
            if (!qualifiedName(key)) {
                out.add(".metadata.labels[" + key + "]: the key is not a qualified name (prefix/name, name at most 63)");
            }
            if (!value.isTextual() || !labelValue(value.asText())) {
                out.add(".metadata.labels[" + key + "]: \"" + value.asText() + "\" is not a label value (at most 63, alphanumeric ends)");
            }
        });
        fields(metadata.path("annotations"), (key, value) -> {
            if (!qualifiedName(key)) {
                out.add(".metadata.annotations[" + key + "]: the key is not a qualified name");
            }
        });
        return out;
    }

    /** Every resource quantity in the object: resources requests/limits, ResourceQuota hard, emptyDir sizeLimit. */
    public static List<String> quantities(JsonNode node) {
        List<String> out = new ArrayList<>();
        quantities(node, "", false, out);
        return out;
    }

    private static void quantities(JsonNode node, String path, boolean inResources, List<String> out) {
        if (node.isObject()) {
            fields(node, (key, value) -> {
                String at = path + "." + key;
                boolean quantityMap = inResources && (key.equals("requests") || key.equals("limits")) || key.equals("hard");
                if (quantityMap && value.isObject()) {
                    fields(value, (resource, amount) -> {
                        if (!amount.isNumber() && !(amount.isTextual() && quantity(amount.asText()))) {
                            out.add(at + "." + resource + ": \"" + amount.asText() + "\" is not a quantity");
                        }
                    });
                } else if (key.equals("sizeLimit") && value.isTextual() && !quantity(value.asText())) {
                    out.add(at + ": \"" + value.asText() + "\" is not a quantity");
                } else {
                    quantities(value, at, key.equals("resources"), out);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                quantities(node.get(i), path + "[" + i + "]", false, out);
            }
        }
    }

    /** ConfigMap and Secret keys: [-._a-zA-Z0-9]+, at most 253. */
    public static List<String> dataKeys(JsonNode object) {
        List<String> out = new ArrayList<>();
        for (String field : List.of("data", "stringData", "binaryData")) {
            fields(object.path(field), (key, value) -> {
                if (key.length() > 253 || !CONFIG_KEY.matcher(key).matches()) {
                    out.add("." + field + "[" + key + "]: not a valid key ([-._a-zA-Z0-9]+)");
                }
            });
        }
        return out;
    }

    /**
     * Core validation of an Event: about a cluster-scoped object (no involvedObject.namespace) it
     * must be in "default"; otherwise in the involved object's namespace.
     */
    public static List<String> event(JsonNode event) {
        String namespace = event.at("/metadata/namespace").asText("");
        String involved = event.at("/involvedObject/namespace").asText("");
        String about = event.at("/involvedObject/kind").asText() + " " + event.at("/involvedObject/name").asText();
        if (involved.isEmpty() && !namespace.equals("default")) {
            return List.of(".metadata.namespace: \"" + namespace + "\" does not match event.namespace rule: an Event about the "
                    + "cluster-scoped " + about + " must be in namespace \"default\"");
        }
        if (!involved.isEmpty() && !involved.equals(namespace)) {
            return List.of(".metadata.namespace: \"" + namespace + "\" does not match involvedObject.namespace \"" + involved
                    + "\" (" + about + ")");
        }
        return List.of();
    }

    /** The pod template of a workload (or a Pod's spec), with its path; null for other kinds. */
    public static JsonNode podSpec(JsonNode object) {
        String kind = object.path("kind").asText();
        if (kind.equals("Pod")) {
            return object.path("spec");
        }
        if (kind.equals("CronJob")) {
            return object.at("/spec/jobTemplate/spec/template/spec");
        }
        return WORKLOADS.contains(kind) ? object.at("/spec/template/spec") : null;
    }

    public static String podSpecPath(JsonNode object) {
        String kind = object.path("kind").asText();
        return kind.equals("Pod") ? ".spec" : kind.equals("CronJob") ? ".spec.jobTemplate.spec.template.spec" : ".spec.template.spec";
    }

    /** Pod Security Standard "restricted" (which includes "baseline"), through the project's checker. */
    public static List<String> podSecurityRestricted(JsonNode pod) {
        PodSpec spec = Serialization.unmarshal(pod.toString(), PodSpec.class);
        return PodSecurityRestricted.check(spec).stream().map(v -> ": Pod Security restricted: " + v).toList();
    }

    /** Every container (init containers too) has cpu and memory requests and limits, and names are DNS-1123 labels. */
    public static List<String> containers(JsonNode pod) {
        List<String> out = new ArrayList<>();
        for (String list : List.of("initContainers", "containers")) {
            JsonNode containers = pod.path(list);
            for (int i = 0; i < containers.size(); i++) {
                JsonNode container = containers.get(i);
                String at = "." + list + "[" + i + "] (" + container.path("name").asText() + ")";
                if (!dns1123Label(container.path("name").asText())) {
                    out.add(at + ".name: not a DNS-1123 label");
                }
                for (String bound : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        if (!container.at("/resources/" + bound).has(resource)) {
                            out.add(at + ".resources." + bound + "." + resource + ": missing (a namespace with a ResourceQuota "
                                    + "and no LimitRange refuses the pod)");
                        }
                    }
                }
                JsonNode ports = container.path("ports");
                for (int p = 0; p < ports.size(); p++) {
                    portName(ports.get(p).path("name").asText(""), at + ".ports[" + p + "].name", out);
                }
            }
        }
        return out;
    }

    /** A port name is an IANA_SVC_NAME: at most 15, lower case alphanumerics and '-', at least one letter, no '--'. */
    public static void portName(String name, String at, List<String> out) {
        if (!name.isEmpty() && (name.length() > 15 || !IANA_SVC_NAME.matcher(name).matches() || name.contains("--")
                || !name.matches(".*[a-z].*"))) {
            out.add(at + ": \"" + name + "\" is not an IANA service name (at most 15, [a-z0-9-], a letter)");
        }
    }

    /** A StatefulSet's serviceName names a headless Service (clusterIP None) in its namespace, for per-pod DNS. */
    public static List<String> governingService(JsonNode statefulSet, List<JsonNode> objects) {
        String namespace = statefulSet.at("/metadata/namespace").asText();
        String serviceName = statefulSet.at("/spec/serviceName").asText("");
        if (serviceName.isEmpty()) {
            return List.of(".spec.serviceName: missing (no governing Service)");
        }
        for (JsonNode object : objects) {
            if (object.path("kind").asText().equals("Service") && object.at("/metadata/namespace").asText().equals(namespace)
                    && object.at("/metadata/name").asText().equals(serviceName)) {
                return "None".equals(object.at("/spec/clusterIP").asText()) ? List.of()
                        : List.of(".spec.serviceName: the governing Service " + namespace + "/" + serviceName
                                + " is not headless (spec.clusterIP is not None), so pods get no per-pod DNS");
            }
        }
        return List.of(".spec.serviceName: no Service " + namespace + "/" + serviceName + " among the written objects");
    }

    private static void fields(JsonNode node, java.util.function.BiConsumer<String, JsonNode> each) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            each.accept(field.getKey(), field.getValue());
        }
    }
}
