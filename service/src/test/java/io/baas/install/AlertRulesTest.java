package io.baas.install;

import static io.baas.install.ChartSupport.CHART;
import static io.baas.install.ChartSupport.YAML;
import static io.baas.install.ChartSupport.find;
import static io.baas.install.ChartSupport.render;
import static io.baas.install.MonitoringChart.ALERT_TESTS;
import static io.baas.install.MonitoringChart.NS;
import static io.baas.install.MonitoringChart.alerts;
import static io.baas.install.MonitoringChart.prometheusRule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's alert rules (files/alerts.yaml through templates/prometheusrule.yaml), rendered by a real
 * Helm and run by Prometheus' own promtool: {@code check rules} on what the chart renders, and
 * {@code test rules} on each alert's firing and quiet cases (service/src/test/resources/alerts/).
 * promtool is Debian's package prometheus; on CI (env CI set) its absence fails the test, elsewhere
 * it skips the promtool part.
 */
class AlertRulesTest {

    @Test
    void promtoolChecksTheRenderedRulesAndEveryAlertPassesItsUnitTests(@TempDir Path work) throws Exception {
        Path promtool = promtool();
        Path rules = work.resolve("alerts.rules.yaml");
        YAML.writeValue(rules.toFile(), Map.of("groups", prometheusRule(Map.of()).at("/spec/groups")));
        List<String> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(ALERT_TESTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".test.yaml")).sorted().toList()) {
                Files.copy(file, work.resolve(file.getFileName()));
                tests.add(file.getFileName().toString());
            }
        }
        run(work, promtool.toString(), "check", "rules", rules.getFileName().toString());
        List<String> command = new ArrayList<>(List.of(promtool.toString(), "test", "rules"));
        command.addAll(tests);
        String output = run(work, command.toArray(String[]::new));
        assertThat(output).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void everyAlertHasAPromtoolTestThatFiresAndOneThatStaysQuiet() throws IOException {
        Set<String> names = alerts(prometheusRule(Map.of())).keySet();
        assertThat(names).hasSize(8);
        for (String alert : names) {
            Path file = ALERT_TESTS.resolve(alert + ".test.yaml");
            assertThat(file).as("promtool test of " + alert).exists();
            JsonNode test = YAML.readTree(file.toFile());
            assertThat(test.at("/rule_files/0").asText()).isEqualTo("alerts.rules.yaml");
            boolean fires = false;
            boolean quiet = false;
            for (JsonNode group : test.path("tests")) {
                assertThat(group.path("input_series").size()).as(alert + ": input_series").isPositive();
                for (JsonNode check : group.path("alert_rule_test")) {
                    assertThat(check.path("alertname").asText()).as(file + " tests only its own alert").isEqualTo(alert);
                    if (check.path("exp_alerts").isEmpty()) {
                        quiet = true;
                    } else {
                        fires = true;
                    }
                }
            }
            assertThat(fires).as(alert + " has a firing case").isTrue();
            assertThat(quiet).as(alert + " has a quiet case").isTrue();
        }
        try (Stream<Path> files = Files.list(ALERT_TESTS)) {
            assertThat(files.map(f -> f.getFileName().toString().replace(".test.yaml", "")))
                    .as("no test of an alert the chart does not have").allMatch(names::contains);
        }
    }

    @Test
    void everyRuleSaysHowBadItIsAndWhatHappened() {
        for (JsonNode rule : alerts(prometheusRule(Map.of())).values()) {
            String alert = rule.path("alert").asText();
            assertThat(rule.at("/labels/severity").asText()).as(alert).isIn("critical", "warning");
            assertThat(rule.at("/annotations/summary").asText()).as(alert).isNotBlank();
            assertThat(rule.at("/annotations/description").asText()).as(alert).isNotBlank();
            assertThat(rule.toString()).as(alert + ": every placeholder filled").doesNotContain("${");
        }
        // Those that would flap on a blip wait; a storm or a broken chain is news at once.
        Map<String, JsonNode> alerts = alerts(prometheusRule(Map.of()));
        assertThat(alerts.get("FabricNodeDown").path("for").asText()).isEqualTo("5m");
        assertThat(alerts.get("FabricPeerBehindChannel").path("for").asText()).isEqualTo("10m");
        assertThat(alerts.get("FabricChannelNoNewBlocks").path("for").asText()).isEqualTo("5m");
        assertThat(alerts.get("FabricEndorsementFailures").path("for").asText()).isEqualTo("10m");
        assertThat(alerts.get("BaasExplorerBehind").path("for").asText()).isEqualTo("10m");
    }

    @Test
    void thresholdsAreTheChartsValues() {
        Map<String, JsonNode> defaults = alerts(prometheusRule(Map.of()));
        assertThat(defaults.get("FabricPeerBehindChannel").path("expr").asText()).contains("> 10");
        assertThat(defaults.get("BaasCertificateExpiresSoon").path("expr").asText()).contains("< 7 * 86400");
        assertThat(defaults.get("FabricRaftLeaderChanges").path("expr").asText())
                .contains("increase(consensus_etcdraft_leader_changes{job=\"fabric-orderer\"}[15m])) > 3");

        Map<String, JsonNode> tuned = alerts(prometheusRule(Map.of("monitoring.alerts.heightLagBlocks", "25",
                "monitoring.alerts.certificateExpiryDays", "14", "monitoring.alerts.nodeDownFor", "2m",
                "monitoring.alerts.endorsementFailureRatio", "0.25", "monitoring.alerts.noBlockWindow", "30m")));
        assertThat(tuned.get("FabricPeerBehindChannel").path("expr").asText()).contains("> 25");
        assertThat(tuned.get("FabricPeerBehindChannel").at("/annotations/description").asText()).contains("more than 25 for 10m");
        assertThat(tuned.get("BaasCertificateExpiresSoon").path("expr").asText()).contains("< 14 * 86400");
        assertThat(tuned.get("FabricNodeDown").path("for").asText()).isEqualTo("2m");
        assertThat(tuned.get("FabricEndorsementFailures").path("expr").asText()).contains("> 0.25");
        assertThat(tuned.get("FabricChannelNoNewBlocks").path("expr").asText()).contains("[30m]").doesNotContain("[15m]");
    }

    @Test
    void aPlaceholderLeftWithoutAValueIsRefused() {
        assertThatThrownBy(() -> prometheusRule(Map.of("monitoring.alerts.heightLagBlocks", "null")))
                .hasMessageContaining("${heightLagBlocks}");
    }

    /** KubeSphere's Prometheus takes PrometheusRules labelled prometheus: k8s, role: alert-rules (docs/kubernetes.md). */
    @Test
    void thePrometheusRuleCarriesTheLabelsKubeSpheresRuleSelectorAsksFor() {
        JsonNode rule = prometheusRule(Map.of());
        assertThat(rule.at("/apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(rule.at("/metadata/namespace").asText()).isEqualTo(NS);
        assertThat(rule.at("/metadata/labels/prometheus").asText()).isEqualTo("k8s");
        assertThat(rule.at("/metadata/labels/role").asText()).isEqualTo("alert-rules");
        assertThat(prometheusRule(Map.of("monitoring.ruleLabels.release", "kube-prometheus-stack")).at("/metadata/labels/release").asText())
                .isEqualTo("kube-prometheus-stack");

        assertThat(find(render(CHART, NS, Map.of()), "PrometheusRule", "ks-baas"))
                .as("auto: no monitoring.coreos.com API in a plain template").isEmpty();
        assertThat(find(render(CHART, NS, Map.of("monitoring.alerts.enabled", "false")), "PrometheusRule", "ks-baas")).isEmpty();
    }

    /** promtool from PATH; missing, the test fails on CI (where .ci/run installs it) and is skipped elsewhere. */
    static Path promtool() {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isEmpty()) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("promtool is not on PATH, and CI must run the alert rules' tests: "
                        + "install Debian's package prometheus (.ci/run does)");
            }
            Assumptions.abort("promtool is not on PATH (apt-get install prometheus); CI runs this test");
        }
        return found.get();
    }

    private static String run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        // Read first: a full pipe would hold the process up.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within 2 minutes");
        }
        assertThat(process.exitValue()).as(String.join(" ", command) + " said:\n" + output).isZero();
        return output;
    }
}
