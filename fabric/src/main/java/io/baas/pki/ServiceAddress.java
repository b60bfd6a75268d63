package io.baas.pki;

import java.util.List;

/**
 * A Kubernetes Service a node is reached by, and the four names cluster DNS answers for it:
 * {@code svc}, {@code svc.ns}, {@code svc.ns.svc} and {@code svc.ns.svc.<cluster domain>}.
 */
public record ServiceAddress(String service, String namespace, String clusterDomain) {

    public static final String DEFAULT_CLUSTER_DOMAIN = "cluster.local";

    public ServiceAddress {
        DnsNames.requireServiceName(service);
        DnsNames.requireNamespace(namespace);
        DnsNames.requireHostName(clusterDomain);
    }

    public static ServiceAddress of(String service, String namespace) {
        return new ServiceAddress(service, namespace, DEFAULT_CLUSTER_DOMAIN);
    }

    public List<String> dnsNames() {
        return List.of(service, service + "." + namespace, service + "." + namespace + ".svc",
                fullyQualified());
    }

    public String fullyQualified() {
        return service + "." + namespace + ".svc." + clusterDomain;
    }
}
