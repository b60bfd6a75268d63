package io.baas.k8s.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.crd.Consortium;
import io.baas.k8s.KubeSphereDashboard;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Fabric nodes of one consortium namespace as a KubeSphere {@code Dashboard} there: what the
 * project's members see under its custom monitoring. Made from the chart's Grafana dashboard
 * ({@code helm/ks-baas/files/dashboards/fabric-consortium.json}, copied onto the class path by the
 * build, {@link #FABRIC_CONSORTIUM}) as the chart's ClusterDashboard is (same panel and target
 * fields), with every query narrowed to the namespace. Pure: no client, no CDI.
 *
 * <p>Only the panels on the nodes' metrics are kept: those whose every label matcher block selects
 * {@code consortium=~"$consortium"} (the label the nodes' ServiceMonitor gives every target), which
 * becomes {@code namespace="<namespace>"}. The service's own metrics (certificate expiries, explorer
 * lag) are scraped in the service's namespace, and KubeSphere pins every selector of a project's
 * custom-monitoring query to the project's namespace (kubesphere/kubesphere
 * {@code pkg/models/monitoring/expressions/prometheus.go}, prom-label-proxy's enforcer), so those
 * panels could never show anything there: they stay on the cluster dashboard. {@code $channel}
 * becomes {@code .*}: KubeSphere's custom monitoring has no variables.
 */
public final class NodeDashboard {

    public static final String NAME = "ks-baas-fabric";
    /** The chart's dashboard file, as the build copies it onto the class path. */
    public static final String FABRIC_CONSORTIUM = "/dashboards/fabric-consortium.json";
    static final String CONSORTIUM_MATCHER = "consortium=~\"$consortium\"";
    private static final Pattern MATCHER_BLOCK = Pattern.compile("\\{[^}]*}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeDashboard() {
    }

    /** The Grafana dashboard the chart ships, read from the class path. */
    public static JsonNode fabricConsortium() {
        try (InputStream in = NodeDashboard.class.getResourceAsStream(FABRIC_CONSORTIUM)) {
            if (in == null) {
                throw new IllegalStateException(FABRIC_CONSORTIUM + " is not on the class path: the build copies it from the chart");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static KubeSphereDashboard build(Consortium consortium, String namespace, JsonNode grafana) {
        KubeSphereDashboard dashboard = new KubeSphereDashboard();
        dashboard.setMetadata(new ObjectMetaBuilder().withName(NAME).withNamespace(namespace)
                .withLabels(NodeServiceMonitor.ownLabels(consortium)).build());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("title", grafana.path("title").asText());
        spec.put("description", "The Hyperledger Fabric nodes of consortium " + consortium.getMetadata().getName()
                + " in this project, written by ks-baas: the node panels of the cluster's Fabric dashboard.");
        spec.put("tags", JSON.convertValue(grafana.path("tags"), List.class));
        spec.put("time", Map.of("from", grafana.at("/time/from").asText(), "to", grafana.at("/time/to").asText()));
        List<Map<String, Object>> panels = new ArrayList<>();
        for (JsonNode panel : grafana.path("panels")) {
            if (onNodeMetrics(panel)) {
                panels.add(panel(panel, namespace));
            }
        }
        spec.put("panels", panels);
        dashboard.setAdditionalProperty("spec", spec);
        return dashboard;
    }

    /** A Dashboard of that name the service may overwrite: made by it, for this consortium. */
    public static boolean isOurs(HasMetadata existing, Consortium consortium) {
        Map<String, String> labels = existing.getMetadata().getLabels();
        return labels != null && labels.entrySet().containsAll(NodeServiceMonitor.ownLabels(consortium).entrySet());
    }

    /** Every target's every label matcher block selects the consortium, and there is at least one. */
    static boolean onNodeMetrics(JsonNode panel) {
        boolean any = false;
        for (JsonNode target : panel.path("targets")) {
            Matcher blocks = MATCHER_BLOCK.matcher(target.path("expr").asText());
            boolean found = false;
            while (blocks.find()) {
                if (!blocks.group().contains(CONSORTIUM_MATCHER)) {
                    return false;
                }
                found = true;
            }
            if (!found) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /** The expression with the consortium's matcher narrowed to the namespace and every channel. */
    static String narrow(String expression, String namespace) {
        String narrowed = expression.replace(CONSORTIUM_MATCHER, "namespace=\"" + namespace + "\"").replace("$channel", ".*");
        if (narrowed.contains("$")) {
            throw new IllegalStateException("A dashboard query uses a variable the project dashboard cannot fill: " + expression);
        }
        return narrowed;
    }

    /** KubeSphere's Panel: a stat is a singlestat, anything else a graph of lines; targets with an integer refId. */
    private static Map<String, Object> panel(JsonNode grafana, String namespace) {
        Map<String, Object> panel = new LinkedHashMap<>();
        panel.put("id", grafana.path("id").asInt());
        panel.put("title", grafana.path("title").asText());
        if (grafana.hasNonNull("description")) {
            panel.put("description", grafana.path("description").asText());
        }
        if ("stat".equals(grafana.path("type").asText())) {
            panel.put("type", "singlestat");
        } else {
            panel.put("type", "graph");
            panel.put("lines", true);
        }
        List<Map<String, Object>> targets = new ArrayList<>();
        int refId = 1;
        for (JsonNode target : grafana.path("targets")) {
            Map<String, Object> converted = new LinkedHashMap<>();
            converted.put("refId", refId++);
            converted.put("expr", narrow(target.path("expr").asText(), namespace));
            converted.put("legendFormat", target.path("legendFormat").asText());
            converted.put("step", "1m");
            targets.add(converted);
        }
        panel.put("targets", targets);
        return panel;
    }
}
