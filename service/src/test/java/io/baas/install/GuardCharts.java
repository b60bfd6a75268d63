package io.baas.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The charts rendered with several value sets, by a real Helm, for the schema guard. */
public final class GuardCharts {

    private GuardCharts() {
    }

    /** Every object of each rendering, by a name that says which chart and values. */
    public static Map<String, List<JsonNode>> renderings(Path work) {
        Map<String, List<JsonNode>> out = new LinkedHashMap<>();
        out.put("helm/ks-baas defaults", ChartSupport.render(ChartSupport.CHART, "kubesphere-system", Map.of()));
        out.put("helm/ks-baas with ingress, monitoring, one replica", ChartSupport.render(ChartSupport.CHART, "kubesphere-system", Map.of(
                "ingress.enabled", "true", "ingress.host", "baas.example.com", "ingress.className", "nginx",
                "serviceMonitor.enabled", "true", "replicaCount", "1", "platform.storageClassName", "fast-ssd",
                "reconcile.enabled", "false", "monitoring.alerts.enabled", "true", "monitoring.dashboards.kubesphere.enabled", "true")));
        out.put("helm/ks-baas on KubeSphere 3 with an external database", ChartSupport.render(ChartSupport.CHART, "kubesphere-system", Map.of(
                "kubesphere.version", "3", "postgresql.enabled", "false", "database.host", "postgres.db.svc",
                "database.existingSecret", "baas-db", "networkPolicy.enabled", "false", "serviceMonitor.enabled", "false")));
        Path extension = assembleExtension(work);
        out.put("helm/ks-baas-extension defaults", ChartSupport.render(extension, "extension-ksbaas", Map.of()));
        out.put("helm/ks-baas-extension with the console bundle", ChartSupport.render(extension, "extension-ksbaas", Map.of(
                "frontend.bundleUrl", "http://ks-baas-ui.extension-ksbaas.svc/dist/ksbaas/index.js")));
        return out;
    }

    /** The extension as ksbuilder packs it (links followed, Chart.yaml from extension.yaml), as ExtensionChartTest does. */
    static Path assembleExtension(Path work) {
        Path source = ChartSupport.REPO.resolve("helm/ks-baas-extension");
        Path chart = work.resolve("ksbaas");
        try (Stream<Path> files = Files.walk(source, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            for (Path file : files.toList()) {
                Path target = chart.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
            JsonNode extension = ChartSupport.YAML.readTree(source.resolve("extension.yaml").toFile());
            ObjectNode chartYaml = ChartSupport.YAML.createObjectNode();
            chartYaml.put("apiVersion", "v2");
            chartYaml.put("name", extension.path("name").asText());
            chartYaml.put("version", extension.path("version").asText());
            chartYaml.put("kubeVersion", extension.path("kubeVersion").asText());
            chartYaml.set("dependencies", extension.path("dependencies"));
            ChartSupport.YAML.writeValue(chart.resolve("Chart.yaml").toFile(), chartYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return chart;
    }
}
