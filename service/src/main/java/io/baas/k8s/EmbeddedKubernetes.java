package io.baas.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.util.HashMap;
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
    private KubernetesMockServer server;

    EmbeddedKubernetes(EmbeddedSeed seed) {
        this.seed = seed;
    }

    /** Starts the server on first call and returns its URL. */
    synchronized String start() {
        if (server == null) {
            server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new EmbeddedApiDispatcher(), false);
            server.init(InetAddress.getLoopbackAddress(), 0);
            try (KubernetesClient seeding = server.createClient()) {
                seed.apply(seeding);
            }
            LOG.warnf("Embedded in-memory Kubernetes API at %s (baas.kubernetes.embedded): nothing is kept across restarts.",
                    server.url("/"));
        }
        return server.url("/").toString();
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
