package io.baas.k8s;

import io.baas.config.BaasConfig;
import io.quarkus.runtime.LaunchMode;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Decides whether the service talks to a real cluster or to the embedded in-memory API, and says when
 * that API is ready for the service: a cluster at once, the embedded API once {@code io.baas.dev}
 * has seeded it (so nothing below dev needs to know the embedded API).
 */
@Singleton
public class KubernetesMode {

    static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

    private final boolean embedded;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    public KubernetesMode(BaasConfig config) {
        this.embedded = config.kubernetes().embedded()
                .orElseGet(() -> defaultEmbedded(LaunchMode.current(), System.getenv(), Path.of(System.getProperty("user.home"))));
        if (!embedded) {
            ready.complete(null);
        }
    }

    public boolean embedded() {
        return embedded;
    }

    /**
     * Completes once the API holds what the service needs (its CRDs, KubeSphere's objects): at once for
     * a cluster; for the embedded API when its seed is done, or exceptionally when the seed failed.
     */
    public CompletableFuture<Void> ready() {
        return ready;
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
