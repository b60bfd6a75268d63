package io.baas.install;

import static io.baas.install.ChartSupport.CHART;
import static io.baas.install.ChartSupport.REPO;
import static io.baas.install.ChartSupport.one;
import static io.baas.install.ChartSupport.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The chart's monitoring as the tests read it: the rendered alert rules, the dashboards' queries, the metrics contract. */
final class MonitoringChart {

    static final String NS = "kubesphere-system";
    static final Path CONTRACT = CHART.resolve("files/metrics-contract.txt");
    static final Path GRAFANA_DASHBOARD = CHART.resolve("files/dashboards/fabric-consortium.json");
    /** The promtool unit tests of the alert rules, one file per alert, named after it. */
    static final Path ALERT_TESTS = REPO.resolve("service/src/test/resources/alerts");
    static final List<String> SECTIONS = List.of("fabric-node", "service", "prometheus");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(?!\\s*\\(|[a-zA-Z0-9_:])");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring",
            "group_left", "group_right");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");

    private MonitoringChart() {
    }

    /** The chart's PrometheusRule, rendered with the rules forced on (no cluster API in a template). */
    static JsonNode prometheusRule(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.putIfAbsent("monitoring.alerts.enabled", "true");
        return one(render(CHART, NS, all), "PrometheusRule", "ks-baas");
    }

    /** Every alerting rule of the rendered PrometheusRule, by alert name. */
    static Map<String, JsonNode> alerts(JsonNode prometheusRule) {
        Map<String, JsonNode> alerts = new LinkedHashMap<>();
        for (JsonNode group : prometheusRule.at("/spec/groups")) {
            for (JsonNode rule : group.path("rules")) {
                alerts.put(rule.path("alert").asText(), rule);
            }
        }
        return alerts;
    }

    /**
     * The metric names a PromQL expression reads: what is left of it once strings, label matchers,
     * ranges and grouping clauses are gone, less keywords and function names.
     */
    static Set<String> metricNames(String promql) {
        String rest = STRING.matcher(promql).replaceAll(" ");
        rest = MATCHERS.matcher(rest).replaceAll(" ");
        rest = RANGE.matcher(rest).replaceAll(" ");
        rest = GROUPING.matcher(rest).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(rest);
        while (m.find()) {
            if (!KEYWORDS.contains(m.group()) && (m.start() == 0 || !Character.isDigit(rest.charAt(m.start() - 1)))) {
                names.add(m.group());
            }
        }
        return names;
    }

    /** The metric a Grafana variable's label_values(...) query reads. */
    static Set<String> variableMetrics(String query) {
        Set<String> names = new TreeSet<>();
        Matcher m = LABEL_VALUES.matcher(query);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** files/metrics-contract.txt: the names of each section. */
    static Map<String, Set<String>> contract() {
        Map<String, Set<String>> sections = new LinkedHashMap<>();
        String section = null;
        try {
            for (String line : Files.readAllLines(CONTRACT)) {
                String text = line.strip();
                if (text.startsWith("#")) {
                    String word = text.substring(1).strip().split("[:\\s]", 2)[0];
                    if (SECTIONS.contains(word)) {
                        section = word;
                        sections.put(section, new TreeSet<>());
                    }
                } else if (!text.isEmpty()) {
                    if (section == null) {
                        throw new AssertionError("metrics-contract.txt: " + text + " before any section");
                    }
                    sections.get(section).add(text);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sections;
    }

    /** Every PromQL expression of a Grafana dashboard's panels. */
    static List<String> panelExpressions(JsonNode dashboard) {
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panel.path("targets").forEach(t -> expressions.add(t.path("expr").asText()));
        }
        return expressions;
    }
}
