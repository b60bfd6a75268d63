package io.baas.k8s.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.crd.Consortium;
import io.baas.k8s.KubeSphereDashboard;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The project dashboard of a consortium namespace, from the chart's Grafana dashboard on the class
 * path (MonitoringDashboardsTest checks that copy is the chart's file and the panels the chart's
 * ClusterDashboard).
 */
class NodeDashboardTest {

    private static final String NAMESPACE = "trade-bank-a";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MATCHER_BLOCK = Pattern.compile("\\{[^}]*}");

    private final Consortium trade = ConsortiumNamespacesTest.consortium("trade", "bank-a", "ws-a");
    private final JsonNode grafana = NodeDashboard.fabricConsortium();

    private static JsonNode spec(KubeSphereDashboard dashboard) {
        return JSON.valueToTree(dashboard.getAdditionalProperties().get("spec"));
    }

    @Test
    void aNamespacedKubeSphereDashboardOfTheServiceForThisConsortium() {
        KubeSphereDashboard dashboard = NodeDashboard.build(trade, NAMESPACE, grafana);
        assertThat(dashboard.getApiVersion()).isEqualTo("monitoring.kubesphere.io/v1alpha2");
        assertThat(dashboard.getKind()).isEqualTo("Dashboard");
        assertThat(dashboard.getMetadata().getName()).isEqualTo(NodeDashboard.NAME);
        assertThat(dashboard.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "ks-baas")
                .containsEntry("baas.io/consortium", "trade");
        JsonNode spec = spec(dashboard);
        assertThat(spec.path("title").asText()).isEqualTo(grafana.path("title").asText());
        assertThat(spec.at("/time/from").asText()).isEqualTo("now-6h");
    }

    @Test
    void everyQueryIsNarrowedToTheNamespace() {
        JsonNode spec = spec(NodeDashboard.build(trade, NAMESPACE, grafana));
        List<String> expressions = new ArrayList<>();
        spec.path("panels").forEach(panel -> panel.path("targets").forEach(t -> expressions.add(t.path("expr").asText())));
        assertThat(expressions).isNotEmpty();
        for (String expression : expressions) {
            assertThat(expression).doesNotContain("$").doesNotContain("consortium=~");
            Matcher blocks = MATCHER_BLOCK.matcher(expression);
            int count = 0;
            while (blocks.find()) {
                assertThat(blocks.group()).as(expression).contains("namespace=\"trade-bank-a\"");
                count++;
            }
            assertThat(count).as(expression).isPositive();
        }
        assertThat(spec.at("/panels/0/targets/0/expr").asText())
                .isEqualTo("sum by (job) (up{job=~\"fabric-peer|fabric-orderer\", namespace=\"trade-bank-a\"})");
        assertThat(spec(NodeDashboard.build(trade, "trade-bank-b", grafana)).toString())
                .contains("namespace=\\\"trade-bank-b\\\"").doesNotContain("trade-bank-a");
    }

    /** The chart file's node panels, in its order, with its queries; the service's own metrics stay on the cluster dashboard. */
    @Test
    void thePanelsAreTheChartFilesOnTheNodesMetrics() {
        JsonNode spec = spec(NodeDashboard.build(trade, NAMESPACE, grafana));
        List<String> kept = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (JsonNode panel : grafana.path("panels")) {
            if (panel.toString().contains("$consortium")) {
                kept.add(panel.path("title").asText());
                panel.path("targets").forEach(t -> expected.add(t.path("expr").asText()
                        .replace("consortium=~\"$consortium\"", "namespace=\"trade-bank-a\"").replace("$channel", ".*")));
            } else {
                left.add(panel.path("title").asText());
            }
        }
        assertThat(spec.path("panels")).extracting(p -> p.path("title").asText()).containsExactlyElementsOf(kept);
        assertThat(left).containsExactly("Certificate expiries", "Explorer lag");
        List<String> built = new ArrayList<>();
        spec.path("panels").forEach(panel -> panel.path("targets").forEach(t -> built.add(t.path("expr").asText())));
        assertThat(built).isEqualTo(expected);
        assertThat(spec.path("panels")).extracting(p -> p.path("type").asText()).containsOnly("singlestat", "graph");
    }

    @Test
    void onlyADashboardWithTheConsortiumsLabelsIsOurs() {
        assertThat(NodeDashboard.isOurs(NodeDashboard.build(trade, NAMESPACE, grafana), trade)).isTrue();
        Consortium other = ConsortiumNamespacesTest.consortium("other", "bank-a", "ws-a");
        assertThat(NodeDashboard.isOurs(NodeDashboard.build(other, NAMESPACE, grafana), trade)).isFalse();
        assertThat(NodeDashboard.isOurs(new ConfigMapBuilder().withNewMetadata().withName(NodeDashboard.NAME).endMetadata().build(), trade))
                .as("a project member's own dashboard of that name").isFalse();
        assertThat(NodeDashboard.isOurs(new ConfigMapBuilder().withNewMetadata().withName(NodeDashboard.NAME)
                .withLabels(Map.of("baas.io/consortium", "trade")).endMetadata().build(), trade)).isFalse();
    }

    @Test
    void aVariableTheProjectCannotFillIsRefused() {
        assertThat(NodeDashboard.narrow("up{consortium=~\"$consortium\", channel=~\"$channel\"}", "ns"))
                .isEqualTo("up{namespace=\"ns\", channel=~\".*\"}");
        assertThatThrownBy(() -> NodeDashboard.narrow("up{consortium=~\"$consortium\", peer=~\"$peer\"}", "ns"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("$peer");
    }
}
