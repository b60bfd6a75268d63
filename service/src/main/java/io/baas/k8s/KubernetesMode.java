package io.baas.k8s;

import io.baas.config.BaasConfig;
import io.quarkus.runtime.LaunchMode;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Decides whether the service talks to a real cluster or to the embedded in-memory API. */
@Singleton
public class KubernetesMode {

    static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

    private final boolean embedded;

    public KubernetesMode(BaasConfig config) {
        this.embedded = config.kubernetes().embedded()
                .orElseGet(() -> defaultEmbedded(LaunchMode.current(), System.getenv(), Path.of(System.getProperty("user.home"))));
    }

    public boolean embedded() {
        return embedded;
    }

    /**
     * Dev and test mode fall back to the embedded API when nothing says where a cluster is; a
     * packaged service never does, so a production pod with a broken service account fails loudly.
     */
    static boolean defaultEmbedded(LaunchMode mode, Map<String, String> env, Path home) {
        if (mode == LaunchMode.NORMAL) {
            return false;
        }
        boolean kubeconfig = env.containsKey("KUBECONFIG") || Files.isRegularFile(home.resolve(".kube/config"));
        boolean inCluster = env.containsKey("KUBERNETES_SERVICE_HOST") && Files.isRegularFile(SERVICE_ACCOUNT_TOKEN);
        return !kubeconfig && !inCluster;
    }
}
