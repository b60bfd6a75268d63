package io.baas.k8s.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every check of one set of objects (those written for one network, or one chart rendering): the
 * schema of its kind (Kubernetes' OpenAPI models, a baas.io CRD, KubeSphere 4.1's facts) and the
 * rules of {@link ObjectRules}. A kind with no schema is a violation too, unless it is listed in
 * {@link #UNCHECKED} with the reason.
 */
public final class SchemaGuard {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Kinds with no schema here, and why; anything else without one fails the guard. */
    public static final Map<String, String> UNCHECKED = Map.of(
            "monitoring.coreos.com/v1 ServiceMonitor", "Prometheus Operator's CRD, optional in the chart (serviceMonitor.enabled) "
                    + "and the cluster (the nodes' ServiceMonitors)",
            "monitoring.coreos.com/v1 PrometheusRule", "Prometheus Operator's CRD, optional in the chart (monitoring.alerts.enabled); "
                    + "its rules are checked by promtool in AlertRulesTest",
            "monitoring.kubesphere.io/v1alpha2 ClusterDashboard", "KubeSphere monitoring's CRD, optional in the chart "
                    + "(monitoring.dashboards.kubesphere.enabled); its fields are checked in MonitoringDashboardsTest");
    /** Built-in kinds that are cluster-scoped (all others are namespaced). */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "StorageClass", "PersistentVolume", "Node", "PriorityClass", "APIService",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration");

    private final SchemaCatalog catalog;

    public SchemaGuard(SchemaCatalog catalog) {
        this.catalog = catalog;
    }

    public static String describe(JsonNode object, String source) {
        String namespace = object.at("/metadata/namespace").asText("");
        String name = object.at("/metadata/name").asText("");
        if (name.isEmpty()) {
            name = object.at("/metadata/generateName").asText("") + "*";
        }
        return object.path("apiVersion").asText() + " " + object.path("kind").asText() + " "
                + (namespace.isEmpty() ? "" : namespace + "/") + name + " [" + source + "]";
    }

    /** Every violation of every object of one source. */
    public List<Violation> check(List<JsonNode> objects, String source) {
        List<Violation> out = new ArrayList<>();
        for (JsonNode object : objects) {
            out.addAll(check(object, objects, source));
        }
        return out;
    }

    List<Violation> check(JsonNode object, List<JsonNode> all, String source) {
        String what = describe(object, source);
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        List<String> found = new ArrayList<>();
        boolean namespaced;
        if (OpenApiModels.builtIn(apiVersion)) {
            namespaced = !CLUSTER_SCOPED.contains(kind);
            if (OpenApiModels.model(apiVersion, kind).isEmpty()) {
                found.add(": no OpenAPI model for " + apiVersion + " " + kind + " (not a Kubernetes kind or version)");
            } else {
                OpenApiModels.violation(apiVersion, kind, object.toString()).ifPresent(v -> found.add(v.path() + ": " + v.rule()));
            }
        } else if (catalog.kind(apiVersion, kind).isPresent()) {
            SchemaCatalog.Kind schema = catalog.kind(apiVersion, kind).orElseThrow();
            namespaced = schema.namespaced();
            StructuralSchema.validate(schema.schema(), object).forEach(v -> found.add(v + " (schema " + schema.source() + ")"));
            // Custom resources' metadata is the API server's ObjectMeta.
            OpenApiModels.model("v1", "ObjectMeta").flatMap(meta -> OpenApiModels.validate(meta,
                    com.google.gson.JsonParser.parseString(object.path("metadata").toString()))).ifPresent(m -> found.add(".metadata: OpenAPI " + m));
        } else if (UNCHECKED.containsKey(apiVersion + " " + kind)) {
            return List.of();
        } else {
            return List.of(new Violation(what, "", "no schema for " + apiVersion + " " + kind
                    + ": add its facts to testdata/kubesphere-4.1 or crds/, or list it in SchemaGuard.UNCHECKED with a reason"));
        }
        found.addAll(ObjectRules.metadata(object, namespaced));
        found.addAll(ObjectRules.quantities(object));
        if (kind.equals("ConfigMap") || kind.equals("Secret")) {
            found.addAll(ObjectRules.dataKeys(object));
        }
        if (kind.equals("Event")) {
            found.addAll(ObjectRules.event(object));
        }
        if (kind.equals("Service")) {
            JsonNode ports = object.at("/spec/ports");
            for (int i = 0; i < ports.size(); i++) {
                ObjectRules.portName(ports.get(i).path("name").asText(""), ".spec.ports[" + i + "].name", found);
            }
        }
        JsonNode pod = ObjectRules.podSpec(object);
        if (pod != null && !pod.isMissingNode()) {
            String at = ObjectRules.podSpecPath(object);
            ObjectRules.podSecurityRestricted(pod).forEach(v -> found.add(at + v));
            ObjectRules.containers(pod).forEach(v -> found.add(at + v));
        }
        if (kind.equals("StatefulSet")) {
            found.addAll(ObjectRules.governingService(object, all));
        }
        return found.stream().map(f -> {
            int colon = f.indexOf(": ");
            return colon < 0 ? new Violation(what, "", f) : new Violation(what, f.substring(0, colon), f.substring(colon + 2));
        }).toList();
    }

    public static JsonNode tree(Object fabric8Object) {
        try {
            return JSON.readTree(io.fabric8.kubernetes.client.utils.Serialization.asJson(fabric8Object));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
