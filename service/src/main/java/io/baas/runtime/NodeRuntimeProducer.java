package io.baas.runtime;

import io.baas.config.BaasConfig;
import io.baas.fabric.chaincode.BuiltInChaincodes;
import io.baas.k8s.Applier;
import io.baas.k8s.build.PlatformSettings;
import io.baas.runtime.host.FabricRelease;
import io.baas.runtime.host.HostNodeRuntime;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The service's one node runtime: each runtime is a bean of its own, made only when
 * {@code baas.runtime.nodes} chooses it, so a production service (kubernetes) never builds the
 * sandbox. Each ends with the application: a dev-mode reload or a test restart stops the sandbox's
 * gRPC servers, executors and ports, and removes the temporary directory of built-in chaincode jars it made.
 */
@Singleton
public class NodeRuntimeProducer {

    private static final Logger LOG = Logger.getLogger(NodeRuntimeProducer.class);

    /** The built-in chaincodes' jars this producer wrote, when no directory was configured. */
    private volatile Optional<Path> temporaryJars = Optional.empty();

    /** What the reconcilers use: the runtime {@code baas.runtime.nodes} names, looked up only then. */
    @Produces
    @Singleton
    NodeRuntime nodeRuntime(BaasConfig config, Instance<KubernetesNodeRuntime> kubernetes, Instance<SandboxNodeRuntime> sandbox,
                            Instance<HostNodeRuntime> host) {
        return switch (config.runtime().nodes()) {
            case KUBERNETES -> kubernetes.get();
            case SANDBOX -> sandbox.get();
            case HOST -> host.get();
        };
    }

    /**
     * Fabric nodes as processes on this machine; refused unless the platform said it serves one
     * trusted tenant, since every organization's keys are then files beside the service.
     */
    @Produces
    @Singleton
    @Typed(HostNodeRuntime.class)
    HostNodeRuntime host(BaasConfig config, PlatformSettings platform) {
        return new HostNodeRuntime(hostSettings(config.host()), platform, Clock.systemUTC());
    }

    static HostNodeRuntime.Settings hostSettings(BaasConfig.Host host) {
        if (!host.singleTenant()) {
            throw new IllegalStateException("baas.runtime.nodes=host needs baas.host.single-tenant=true: every organization's keys and "
                    + "chaincodes run as processes on this machine, so the host runtime serves one trusted tenant (docs/host-runtime.md)");
        }
        java.nio.file.Path dataDir = host.dataDir().orElseThrow(() -> new IllegalStateException(
                "baas.runtime.nodes=host needs baas.host.data-dir: the folder where each node gets its working directory"));
        java.util.Map<String, String> base = new java.util.LinkedHashMap<>();
        for (String variable : java.util.List.of("PATH", "HOME", "LANG", "TZ", "TMPDIR")) {
            String value = System.getenv(variable);
            if (value != null) {
                base.put(variable, value);
            }
        }
        return new HostNodeRuntime.Settings(dataDir, host.address(), host.firstPort(), host.lastPort(),
                host.fabricHome().map(FabricRelease::new), host.peerCommand().orElse(java.util.List.of()),
                host.ordererCommand().orElse(java.util.List.of()), base, host.stopNodesOnShutdown(),
                host.chaincodeCommand().orElseGet(HostNodeRuntime.Settings::defaultChaincodeCommand), host.chaincodeUser());
    }

    void close(@Disposes HostNodeRuntime runtime) {
        runtime.close();
    }

    /** Production's runtime: StatefulSets in the consortium namespaces. */
    @Produces
    @Singleton
    @Typed(KubernetesNodeRuntime.class)
    KubernetesNodeRuntime kubernetes(KubernetesClient client, PlatformSettings platform) {
        return new KubernetesNodeRuntime(client, new Applier(client), platform);
    }

    /** In-process nodes on loopback, for dev mode and tests (never production data). */
    @Produces
    @Singleton
    @Typed(SandboxNodeRuntime.class)
    SandboxNodeRuntime sandbox(BaasConfig config) {
        BaasConfig.Runtime runtime = config.runtime();
        return sandbox(runtime.sandboxChaincodeJars(), runtime.sandboxDataDir());
    }

    SandboxNodeRuntime sandbox(Optional<Path> chaincodeJars, Optional<Path> dataDir) {
        return new SandboxNodeRuntime(Clock.systemUTC(), chaincodeJars.orElseGet(this::builtInChaincodeJars), dataDir);
    }

    void close(@Disposes SandboxNodeRuntime runtime) {
        try {
            runtime.close();
        } catch (Exception e) {
            LOG.warnf("Stopping the %s node runtime failed: %s", runtime.name(), e.getMessage());
        }
        temporaryJars.ifPresent(DirectoryTrees::delete);
        temporaryJars = Optional.empty();
    }

    /** The directory of built-in chaincode jars this producer made, until the runtime is closed. */
    Optional<Path> temporaryJars() {
        return temporaryJars;
    }

    /** The built-in chaincodes' jars, so their packages run on the sandbox's peers as they are. */
    private Path builtInChaincodeJars() {
        try {
            Path jars = Files.createTempDirectory("ks-baas-chaincode-jars");
            temporaryJars = Optional.of(jars);
            BuiltInChaincodes.writeJars(jars);
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make a directory for the sandbox's chaincode jars", e);
        }
    }
}
