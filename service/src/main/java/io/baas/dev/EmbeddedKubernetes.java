package io.baas.dev;

import io.baas.config.BaasConfig;
import io.baas.k8s.KubernetesMode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * An in-memory Kubernetes API (the fabric8 mock server in CRUD mode) for dev mode and tests: the
 * project's CRDs and the KubeSphere kinds it reads are installed, and what a fresh KubeSphere has
 * is seeded. Never for production data: it forgets everything on restart.
 */
@Singleton
public class EmbeddedKubernetes {

    private static final Logger LOG = Logger.getLogger(EmbeddedKubernetes.class);

    private final EmbeddedSeed seed;
    private final boolean seedInBackground;
    private final int port;
    /** The mode's readiness: completed here once the seed is in. */
    private final CompletableFuture<Void> seeded;
    private KubernetesMockServer server;

    EmbeddedKubernetes(EmbeddedSeed seed, BaasConfig config, KubernetesMode mode) {
        this.seed = seed;
        this.seedInBackground = config.kubernetes().embeddedSeedInBackground();
        this.port = config.kubernetes().embeddedPort();
        this.seeded = mode.ready();
    }

    /**
     * Starts the server on first call and returns its URL. The seed (CRDs, a fresh KubeSphere's
     * objects) runs in the background unless configured otherwise: {@link KubernetesMode#ready()} says when it is done.
     */
    synchronized String start() {
        if (server == null) {
            server = EmbeddedApiDispatcher.server();
            server.init(InetAddress.getLoopbackAddress(), port);
            LOG.warnf("Embedded in-memory Kubernetes API at %s (baas.kubernetes.embedded): nothing is kept across restarts.",
                    server.url("/"));
            KubernetesMockServer seeding = server;
            if (seedInBackground) {
                Thread thread = new Thread(() -> seed(seeding), "baas-embedded-seed");
                thread.setDaemon(true);
                thread.start();
            } else {
                seed(seeding);
            }
        }
        return server.url("/").toString();
    }

    private void seed(KubernetesMockServer target) {
        try (KubernetesClient seeding = target.createClient()) {
            seed.apply(seeding);
            seeded.complete(null);
        } catch (RuntimeException e) {
            LOG.error("Seeding the embedded Kubernetes API failed", e);
            seeded.completeExceptionally(e);
        }
    }

    /** Last of all: everything else still talks to the API while it shuts down. */
    void stop(@Observes @Priority(5000) ShutdownEvent event) {
        synchronized (this) {
            if (server != null) {
                server.destroy();
                server = null;
            }
        }
    }
}
