package io.baas.dev;

import io.baas.k8s.KubernetesMode;
import io.fabric8.kubernetes.client.Config;
import io.quarkus.kubernetes.client.KubernetesConfigCustomizer;
import jakarta.inject.Singleton;

/**
 * Points the Quarkus-managed Kubernetes client at the embedded API when embedded mode is on, so
 * every other bean uses the one client either way.
 */
@Singleton
public class EmbeddedKubernetesConfig implements KubernetesConfigCustomizer {

    private final KubernetesMode mode;
    private final EmbeddedKubernetes embedded;

    EmbeddedKubernetesConfig(KubernetesMode mode, EmbeddedKubernetes embedded) {
        this.mode = mode;
        this.embedded = embedded;
    }

    @Override
    public void customize(Config config) {
        if (!mode.embedded()) {
            return;
        }
        config.setMasterUrl(embedded.start());
        config.setTrustCerts(true);
        config.setNamespace("default");
        // The embedded API asks for no credentials. A constant token still matters: without any, fabric8's
        // TokenRefreshInterceptor re-reads the whole client configuration (kubeconfig, environment) on every request.
        config.setOauthToken("embedded");
        config.setUsername(null);
        config.setPassword(null);
        config.setClientCertFile(null);
        config.setClientCertData(null);
        config.setClientKeyFile(null);
        config.setClientKeyData(null);
        config.setCaCertFile(null);
        config.setCaCertData(null);
    }
}
