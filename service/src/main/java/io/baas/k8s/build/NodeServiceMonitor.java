package io.baas.k8s.build;

import io.baas.crd.BaasResource;
import io.baas.crd.Consortium;
import io.baas.k8s.ServiceMonitor;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus Operator's view of one consortium namespace: a ServiceMonitor that scrapes the
 * operations endpoint ({@code /metrics}) of every peer and orderer there, once each, through the
 * node's own Service (its governing headless Service is left out), with the labels the alert rules
 * and dashboards group by: {@code job} (fabric-peer or fabric-orderer), {@code consortium},
 * {@code organization}, and Prometheus' own {@code namespace} and {@code service} (the node's name).
 * Pure: no client, no CDI.
 *
 * <p>With operations TLS on, Prometheus must trust the organization's TLS CA and see a name the
 * node's certificate carries: the CA is a ConfigMap of the namespace ({@link #tlsCa}), and the target
 * address is rewritten from the pod's IP to the node Service's fully qualified name (a SAN of every
 * node certificate; one pod behind each Service, so the same node answers).
 */
public final class NodeServiceMonitor {

    public static final String NAME = "baas-fabric-nodes";
    /** The organization's TLS CA chain in its consortium namespace, for Prometheus to verify the nodes' operations endpoints. */
    public static final String TLS_CA_CONFIG_MAP = "baas-tls-ca";
    public static final String TLS_CA_KEY = "ca.crt";
    static final String OPERATIONS_PORT_NAME = "operations";
    /** Prometheus' name for a Service label: every character that may not be in a label name becomes '_'. */
    static final String SERVICE_LABEL_META = "__meta_kubernetes_service_label_";

    private NodeServiceMonitor() {
    }

    public static ServiceMonitor build(Consortium consortium, String namespace, PlatformSettings platform, NodeMonitoring monitoring) {
        ServiceMonitor monitor = new ServiceMonitor();
        Map<String, String> labels = new LinkedHashMap<>(monitoring.labels());
        labels.putAll(ownLabels(consortium));
        monitor.setMetadata(new ObjectMetaBuilder().withName(NAME).withNamespace(namespace).withLabels(labels).build());

        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("port", OPERATIONS_PORT_NAME);
        endpoint.put("path", "/metrics");
        endpoint.put("scheme", platform.operationsTls() ? "https" : "http");
        endpoint.put("interval", monitoring.scrapeInterval());
        List<Map<String, Object>> relabelings = new ArrayList<>();
        // The namespace is one organization's in one consortium: both become labels every query can group by.
        relabelings.add(Map.of("action", "replace", "targetLabel", "consortium", "replacement", consortium.getMetadata().getName()));
        relabelings.add(Map.of("action", "replace", "sourceLabels", List.of(metaLabel(BaasResource.ORGANIZATION_LABEL)),
                "targetLabel", "organization"));
        if (platform.operationsTls()) {
            endpoint.put("tlsConfig", Map.of(
                    "ca", Map.of("configMap", Map.of("name", TLS_CA_CONFIG_MAP, "key", TLS_CA_KEY)),
                    "insecureSkipVerify", false));
            relabelings.add(Map.of("action", "replace", "sourceLabels", List.of("__meta_kubernetes_service_name"),
                    "regex", "(.+)", "targetLabel", "__address__",
                    "replacement", "${1}." + namespace + ".svc." + platform.clusterDomain() + ":" + NodeParts.OPERATIONS_PORT));
        }
        endpoint.put("relabelings", relabelings);

        Map<String, Object> selector = new LinkedHashMap<>();
        selector.put("matchLabels", Map.of(ConsortiumNamespaces.MANAGED_BY, ConsortiumNamespaces.MANAGER));
        selector.put("matchExpressions", List.of(
                Map.of("key", NodeParts.APP_NAME_LABEL, "operator", "In", "values", List.of(PeerNodeBuilder.APP_NAME, OrdererNodeBuilder.APP_NAME)),
                Map.of("key", NodeParts.GOVERNING_SERVICE_LABEL, "operator", "DoesNotExist")));

        Map<String, Object> spec = new LinkedHashMap<>();
        // job is fabric-peer or fabric-orderer, whatever the node is called.
        spec.put("jobLabel", NodeParts.APP_NAME_LABEL);
        spec.put("selector", selector);
        spec.put("namespaceSelector", Map.of("matchNames", List.of(namespace)));
        spec.put("endpoints", List.of(endpoint));
        monitor.setAdditionalProperty("spec", spec);
        return monitor;
    }

    /** The organization's TLS CA chain (PEM), as the ServiceMonitor's tlsConfig reads it. */
    public static ConfigMap tlsCa(Consortium consortium, String namespace, String tlsCaPem) {
        return new ConfigMapBuilder()
                .withNewMetadata().withName(TLS_CA_CONFIG_MAP).withNamespace(namespace).withLabels(ownLabels(consortium)).endMetadata()
                .withData(Map.of(TLS_CA_KEY, tlsCaPem))
                .build();
    }

    /** The labels of what the service writes for a consortium's monitoring: whose, and that it is the service's. */
    static Map<String, String> ownLabels(Consortium consortium) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(BaasResource.CONSORTIUM_LABEL, consortium.getMetadata().getName());
        labels.put(ConsortiumNamespaces.MANAGED_BY, ConsortiumNamespaces.MANAGER);
        return labels;
    }

    static String metaLabel(String serviceLabel) {
        return SERVICE_LABEL_META + serviceLabel.replaceAll("[^a-zA-Z0-9_]", "_");
    }
}
