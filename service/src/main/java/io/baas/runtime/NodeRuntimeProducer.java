package io.baas.runtime;

import io.baas.config.BaasConfig;
import io.baas.fabric.chaincode.BuiltInChaincodes;
import io.baas.k8s.Applier;
import io.baas.k8s.build.PlatformSettings;
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
    NodeRuntime nodeRuntime(BaasConfig config, Instance<KubernetesNodeRuntime> kubernetes, Instance<SandboxNodeRuntime> sandbox) {
        return switch (config.runtime().nodes()) {
            case KUBERNETES -> kubernetes.get();
            case SANDBOX -> sandbox.get();
        };
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
