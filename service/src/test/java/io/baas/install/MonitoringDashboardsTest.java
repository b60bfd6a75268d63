package io.baas.install;

import static io.baas.install.ChartSupport.CHART;
import static io.baas.install.ChartSupport.find;
import static io.baas.install.ChartSupport.one;
import static io.baas.install.ChartSupport.render;
import static io.baas.install.MonitoringChart.GRAFANA_DASHBOARD;
import static io.baas.install.MonitoringChart.NS;
import static io.baas.install.MonitoringChart.alerts;
import static io.baas.install.MonitoringChart.contract;
import static io.baas.install.MonitoringChart.metricNames;
import static io.baas.install.MonitoringChart.panelExpressions;
import static io.baas.install.MonitoringChart.prometheusRule;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.crd.Consortium;
import io.baas.k8s.build.NodeDashboard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The chart's dashboards, rendered by a real Helm: the Grafana dashboard as a ConfigMap for Grafana's
 * sidecar, the same panels as a KubeSphere ClusterDashboard where that API exists, and the metrics
 * contract (files/metrics-contract.txt): exactly the names the alert rules and dashboards query.
 */
class MonitoringDashboardsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theGrafanaDashboardShipsAsAConfigMapTheSidecarPicksUp() throws IOException {
        JsonNode file = JSON.readTree(GRAFANA_DASHBOARD.toFile());
        JsonNode configMap = one(render(CHART, NS, Map.of()), "ConfigMap", "ks-baas-grafana-dashboards");
        assertThat(configMap.at("/metadata/namespace").asText()).isEqualTo(NS);
        assertThat(configMap.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
        JsonNode shipped = JSON.readTree(configMap.at("/data/fabric-consortium.json").asText());
        assertThat(shipped).as("valid JSON, the file as it is").isEqualTo(file);

        assertThat(shipped.path("uid").asText()).isNotBlank();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : shipped.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
            assertThat(panel.path("type").asText()).isIn("timeseries", "stat");
            assertThat(panel.path("targets").size()).as(panel.path("title").asText()).isPositive();
            panel.path("targets").forEach(t -> assertThat(t.path("expr").asText()).isNotBlank());
        }
        assertThat(shipped.path("panels")).extracting(p -> p.path("title").asText()).contains("Nodes up", "Raft leader",
                "Channel height per node", "Transactions per minute by validation code", "Endorsements per second",
                "Endorsement latency (p95)", "Broadcast rate", "Certificate expiries", "Explorer lag");

        JsonNode elsewhere = one(render(CHART, NS, Map.of("monitoring.dashboards.grafana.namespace", "grafana",
                "monitoring.dashboards.grafana.labels.grafana_dashboard", "fabric",
                "monitoring.dashboards.grafana.annotations.grafana_folder", "Fabric")), "ConfigMap", "ks-baas-grafana-dashboards");
        assertThat(elsewhere.at("/metadata/namespace").asText()).isEqualTo("grafana");
        assertThat(elsewhere.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("fabric");
        assertThat(elsewhere.at("/metadata/annotations/grafana_folder").asText()).isEqualTo("Fabric");
        assertThat(find(render(CHART, NS, Map.of("monitoring.dashboards.grafana.enabled", "false")), "ConfigMap", "ks-baas-grafana-dashboards"))
                .isEmpty();
    }

    /** Fields of kubesphere/monitoring-dashboard's api/v1alpha2 DashboardSpec, Panel and Target that the chart writes. */
    private static final Set<String> SPEC_FIELDS = Set.of("title", "description", "tags", "time", "panels");
    private static final Set<String> PANEL_FIELDS = Set.of("id", "title", "description", "type", "lines", "targets");
    private static final Set<String> TARGET_FIELDS = Set.of("refId", "expr", "legendFormat", "step");

    @Test
    void kubeSphereGetsTheSamePanelsAsAClusterDashboardWhereItsApiExists() throws IOException {
        assertThat(find(render(CHART, NS, Map.of()), "ClusterDashboard", "ks-baas-fabric-consortium"))
                .as("auto: no monitoring.kubesphere.io API in a plain template").isEmpty();
        JsonNode dashboard = one(render(CHART, NS, Map.of("monitoring.dashboards.kubesphere.enabled", "true")),
                "ClusterDashboard", "ks-baas-fabric-consortium");
        assertThat(dashboard.path("apiVersion").asText()).isEqualTo("monitoring.kubesphere.io/v1alpha2");
        assertThat(dashboard.at("/metadata/namespace").isMissingNode()).as("cluster-scoped").isTrue();
        JsonNode spec = dashboard.path("spec");
        assertThat(fields(spec)).isSubsetOf(SPEC_FIELDS);
        JsonNode grafana = JSON.readTree(GRAFANA_DASHBOARD.toFile());
        assertThat(spec.path("title").asText()).isEqualTo(grafana.path("title").asText());
        assertThat(spec.path("panels").size()).isEqualTo(grafana.path("panels").size());

        List<String> expected = new ArrayList<>();
        panelExpressions(grafana).forEach(e -> expected.add(e.replace("$consortium", ".*").replace("$channel", ".*")));
        assertThat(panelExpressions(spec)).as("the same queries, over every consortium and channel").isEqualTo(expected);
        for (JsonNode panel : spec.path("panels")) {
            assertThat(fields(panel)).isSubsetOf(PANEL_FIELDS);
            assertThat(panel.path("id").isIntegralNumber()).isTrue();
            assertThat(panel.path("type").asText()).isIn("graph", "singlestat");
            for (JsonNode target : panel.path("targets")) {
                assertThat(fields(target)).isSubsetOf(TARGET_FIELDS);
                assertThat(target.path("refId").isIntegralNumber()).as("refId is an int64 in KubeSphere's Target").isTrue();
                assertThat(target.path("expr").asText()).doesNotContain("$");
            }
        }
        assertThat(find(render(CHART, NS, Map.of("monitoring.dashboards.kubesphere.enabled", "false")), "ClusterDashboard",
                "ks-baas-fabric-consortium")).isEmpty();
    }

    /**
     * The service's project Dashboard (io.baas.k8s.build.NodeDashboard) is made from the build's class-path
     * copy of the chart's file, and is the ClusterDashboard's node panels with the queries on the same
     * metrics, narrowed to one namespace.
     */
    @Test
    void eachConsortiumNamespaceGetsTheClusterDashboardsNodePanels() throws IOException {
        try (InputStream copied = NodeDashboard.class.getResourceAsStream(NodeDashboard.FABRIC_CONSORTIUM)) {
            assertThat(copied).as("copied onto the class path by the build").isNotNull();
            assertThat(copied.readAllBytes()).as("the chart's file as it is").isEqualTo(Files.readAllBytes(GRAFANA_DASHBOARD));
        }
        Consortium trade = new Consortium();
        trade.getMetadata().setName("trade");
        JsonNode project = JSON.valueToTree(NodeDashboard.build(trade, "trade-bank-a", NodeDashboard.fabricConsortium())
                .getAdditionalProperties().get("spec"));
        assertThat(fields(project)).isSubsetOf(SPEC_FIELDS);
        Map<Integer, JsonNode> cluster = new HashMap<>();
        one(render(CHART, NS, Map.of("monitoring.dashboards.kubesphere.enabled", "true")), "ClusterDashboard", "ks-baas-fabric-consortium")
                .at("/spec/panels").forEach(panel -> cluster.put(panel.path("id").asInt(), panel));
        // The nodes' own, and Prometheus' up of their targets.
        Set<String> nodeMetrics = new TreeSet<>(contract().get("fabric-node"));
        nodeMetrics.addAll(contract().get("prometheus"));
        assertThat(project.path("panels").size()).isPositive();
        for (JsonNode panel : project.path("panels")) {
            JsonNode same = cluster.get(panel.path("id").asInt());
            assertThat(same).as("panel " + panel.path("title").asText()).isNotNull();
            assertThat(fields(panel)).isEqualTo(fields(same));
            for (String field : List.of("title", "description", "type", "lines")) {
                assertThat(panel.path(field)).as(field).isEqualTo(same.path(field));
            }
            assertThat(panel.path("targets").size()).isEqualTo(same.path("targets").size());
            for (int i = 0; i < panel.path("targets").size(); i++) {
                JsonNode target = panel.path("targets").get(i);
                JsonNode clusterTarget = same.path("targets").get(i);
                assertThat(fields(target)).isEqualTo(fields(clusterTarget));
                for (String field : List.of("refId", "legendFormat", "step")) {
                    assertThat(target.path(field)).as(field).isEqualTo(clusterTarget.path(field));
                }
                String expr = target.path("expr").asText();
                assertThat(metricNames(expr)).as(expr).isEqualTo(metricNames(clusterTarget.path("expr").asText()))
                        .isSubsetOf(nodeMetrics);
                assertThat(expr).contains("namespace=\"trade-bank-a\"");
            }
        }
    }

    @Test
    void theMetricsContractIsExactlyWhatTheRulesAndDashboardsQuery() throws IOException {
        Set<String> used = new TreeSet<>();
        alerts(prometheusRule(Map.of())).values().forEach(rule -> used.addAll(metricNames(rule.path("expr").asText())));
        JsonNode grafana = JSON.readTree(GRAFANA_DASHBOARD.toFile());
        panelExpressions(grafana).forEach(e -> used.addAll(metricNames(e)));
        for (JsonNode variable : grafana.at("/templating/list")) {
            used.addAll(MonitoringChart.variableMetrics(variable.at("/query/query").asText(variable.path("query").asText())));
        }
        JsonNode kubesphere = one(render(CHART, NS, Map.of("monitoring.dashboards.kubesphere.enabled", "true")),
                "ClusterDashboard", "ks-baas-fabric-consortium").path("spec");
        panelExpressions(kubesphere).forEach(e -> used.addAll(metricNames(e)));

        Map<String, Set<String>> contract = contract();
        assertThat(contract.keySet()).containsExactlyElementsOf(MonitoringChart.SECTIONS);
        Set<String> listed = new TreeSet<>();
        contract.values().forEach(listed::addAll);
        assertThat(listed).as("files/metrics-contract.txt").isEqualTo(used);
        assertThat(contract.get("fabric-node")).contains("ledger_blockchain_height", "broadcast_processed_count")
                .allMatch(name -> !name.endsWith("_total"), "Fabric's counters have no _total");
        assertThat(contract.get("service")).allMatch(name -> name.startsWith("baas_"));
    }

    @Test
    void metricNamesAreReadOutOfPromqlAndNothingElse() {
        assertThat(metricNames("max by (consortium, channel) (ledger_blockchain_height{job=~\"fabric-peer|fabric-orderer\"})"
                + " - on (consortium, channel) group_right ledger_blockchain_height{job=\"fabric-peer\"} > 10"))
                .containsExactly("ledger_blockchain_height");
        assertThat(metricNames("histogram_quantile(0.95, sum by (le, channel) (rate(endorser_proposal_duration_bucket{a=\"b\"}[5m])))"))
                .containsExactly("endorser_proposal_duration_bucket");
        assertThat(metricNames("sum by (channel) (x_total unless x_total offset 15m) > 0 or up == bool 0"))
                .containsExactly("up", "x_total");
        assertThat(metricNames("min by (msp_id) (baas_certificate_expiry_seconds) - time() < 7 * 86400"))
                .containsExactly("baas_certificate_expiry_seconds");
    }

    /**
     * The service's section holds the names Micrometer's Prometheus registry (the one the service runs)
     * gives the meters of CertificateCare and ExplorerIndexing: a base unit is a suffix, a counter gets _total.
     */
    @Test
    void theServiceSectionNamesAreWhatMicrometerExposesForTheServicesMeters() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // As io.baas.organization.CertificateCare and io.baas.explorer.ExplorerIndexing register them.
        MultiGauge.builder("baas.certificate.expiry").baseUnit("seconds").register(registry)
                .register(List.of(MultiGauge.Row.of(Tags.of("msp_id", "M", "owner", "o", "purpose", "p", "serial", "1"), 1.0)));
        registry.gauge("baas_explorer_blocks_behind", Tags.of("channel", "c"), new AtomicLong(3));
        Counter.builder("baas_explorer_chain_breaks").tag("channel", "c").register(registry).increment();
        Set<String> exposed = new TreeSet<>();
        for (String line : registry.scrape().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                exposed.add(line.substring(0, line.indexOf('{')));
            }
        }
        assertThat(exposed).isEqualTo(contract().get("service"));
        registry.close();
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
