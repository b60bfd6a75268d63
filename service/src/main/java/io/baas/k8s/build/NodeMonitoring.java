package io.baas.k8s.build;

import io.baas.config.BaasConfig;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the nodes' ServiceMonitors are made with (from {@code baas.monitoring.*}), a plain value so
 * the builder stays pure.
 *
 * @param enabled write them at all (where the cluster has the kind)
 * @param labels extra labels for a Prometheus whose serviceMonitorSelector asks for some
 * @param scrapeInterval Prometheus' interval for the nodes' operations endpoints
 */
public record NodeMonitoring(boolean enabled, Map<String, String> labels, String scrapeInterval) {

    /** The service's defaults: on, no extra labels (KubeSphere's Prometheus selects every ServiceMonitor), every 30 s. */
    public static final NodeMonitoring DEFAULTS = new NodeMonitoring(true, Map.of(), "30s");

    public NodeMonitoring {
        labels = Map.copyOf(labels);
    }

    public static NodeMonitoring from(BaasConfig config) {
        BaasConfig.Monitoring monitoring = config.monitoring();
        return new NodeMonitoring(monitoring.nodeServiceMonitors(), new TreeMap<>(monitoring.serviceMonitorLabels()),
                monitoring.scrapeInterval());
    }
}
