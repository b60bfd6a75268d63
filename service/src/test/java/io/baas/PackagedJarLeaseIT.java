package io.baas;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.crd.Consortium;
import io.baas.config.KubeSphereVersion;
import io.baas.dev.EmbeddedApiDispatcher;
import io.baas.dev.EmbeddedSeed;
import io.baas.reconcile.runtime.ReconcilerRuntime;
import io.baas.support.TcpForwarder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service in production mode against an API server the test controls: a replica that
 * loses the reconciler Lease ends with exit code 1 (so Kubernetes restarts it), and a new process
 * takes the Lease and reconciles.
 */
class PackagedJarLeaseIT {

    private static final String SECRET = "lease-test-secret";
    private static final String NAMESPACE = "kubesphere-system";

    private KubernetesMockServer server;
    private KubernetesClient client;
    private Process first;
    private Process second;

    @BeforeEach
    void apiServer() {
        server = EmbeddedApiDispatcher.server();
        server.init();
        client = server.createClient();
        EmbeddedSeed.apply(client, KubeSphereVersion.V4, Optional.of(SECRET));
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : new Process[] {first, second}) {
            if (process != null && process.isAlive()) {
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
        client.close();
        server.destroy();
    }

    @Test
    void aReplicaThatLosesTheLeaseEndsAndANewOneReconciles() throws Exception {
        Path firstLog = Files.createTempFile("ks-baas-lease-1", ".log");
        first = service("replica-one", firstLog);
        await(() -> holder().equals("replica-one"), first, firstLog, "replica-one holds the Lease");

        // Another holder takes the Lease, as a replica would after this one missed its renewals.
        takeLease("usurper");
        boolean ended = first.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            Process dump = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                    String.valueOf(first.pid())).redirectErrorStream(true).start();
            Files.write(Path.of("target/lease-it-jstack.txt"), dump.getInputStream().readAllBytes());
        }
        assertThat(ended).as("the replica ends; log:\n" + Files.readString(firstLog)).isTrue();
        assertThat(first.exitValue()).isEqualTo(1);
        assertThat(Files.readString(firstLog)).contains("lost the reconciler Lease: ending with exit code 1");

        // The usurper is gone; a restarted replica campaigns, wins and reconciles.
        client.leases().inNamespace(NAMESPACE).withName(ReconcilerRuntime.LEASE).delete();
        Path secondLog = Files.createTempFile("ks-baas-lease-2", ".log");
        second = service("replica-two", secondLog);
        await(() -> holder().equals("replica-two"), second, secondLog, "replica-two holds the Lease");
        Consortium consortium = new Consortium();
        consortium.getMetadata().setName("after-restart");
        consortium.setSpec(new Consortium.Spec());
        consortium.getSpec().members.add(new Consortium.Member("org-one", "ws-one"));
        consortium.getSpec().leader = consortium.getSpec().members.get(0);
        client.resources(Consortium.class).resource(consortium).create();
        await(() -> {
            Consortium stored = client.resources(Consortium.class).withName("after-restart").get();
            return stored.getStatus() != null && stored.getStatus().phase == Consortium.Status.Phase.READY;
        }, second, secondLog, "the new replica reconciles");

        // A leader told to stop (SIGTERM, as Kubernetes does) gives the Lease up and ends.
        second.destroy();
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("a normal stop ends; log:\n" + Files.readString(secondLog)).isTrue();
        assertThat(Files.readString(secondLog)).doesNotContain("lost the reconciler Lease");
    }

    /** Writes another holder into the Lease; a write that races the replica's renewal is tried again. */
    private void takeLease(String holder) {
        while (true) {
            try {
                client.leases().inNamespace(NAMESPACE).withName(ReconcilerRuntime.LEASE).edit(lease -> {
                    lease.getSpec().setHolderIdentity(holder);
                    lease.getSpec().setLeaseDurationSeconds(3600);
                    lease.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
                    return lease;
                });
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }
    }

    private String holder() {
        Lease lease = client.leases().inNamespace(NAMESPACE).withName(ReconcilerRuntime.LEASE).get();
        return lease == null || lease.getSpec().getHolderIdentity() == null ? "" : lease.getSpec().getHolderIdentity();
    }

    private Process service(String identity, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(Map.of(
                "HOSTNAME", identity, // the Lease identity, as a pod's name is
                "BAAS_KUBERNETES_EMBEDDED", "false",
                "QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", server.url("/"),
                "QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true",
                "BAAS_IAM_JWT_SECRET", SECRET,
                "QUARKUS_HTTP_PORT", String.valueOf(TcpForwarder.freePort()),
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/baas_test",
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/baas_test",
                "QUARKUS_DATASOURCE_USERNAME", "postgres"));
        return builder.start();
    }

    /** Waits for the condition while the process lives; the bound only ends a broken run. */
    private static void await(BooleanSupplier condition, Process process, Path log, String what) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!condition.getAsBoolean()) {
            assertThat(process.isAlive()).as(what + ": the process ended; log:\n" + Files.readString(log)).isTrue();
            assertThat(Instant.now()).as(what + "; log:\n" + Files.readString(log)).isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
