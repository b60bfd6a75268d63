package io.baas.runtime;

import io.baas.config.BaasConfig;
import io.baas.config.RuntimeKind;
import io.baas.fabric.chaincode.BuiltInChaincodes;
import io.baas.k8s.Applier;
import io.baas.k8s.build.PlatformSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The service's one node runtime, made from {@code baas.runtime.nodes} and ended with the
 * application: a dev-mode reload or a test restart stops the sandbox's gRPC servers, executors and
 * ports, and removes the temporary directory of built-in chaincode jars it made.
 */
@Singleton
public class NodeRuntimeProducer {

    private static final Logger LOG = Logger.getLogger(NodeRuntimeProducer.class);

    /** The built-in chaincodes' jars this producer wrote, when no directory was configured. */
    private volatile Optional<Path> temporaryJars = Optional.empty();

    @Produces
    @Singleton
    NodeRuntime nodeRuntime(KubernetesClient client, BaasConfig config, PlatformSettings platform) {
        BaasConfig.Runtime runtime = config.runtime();
        return make(runtime.nodes(), runtime.sandboxChaincodeJars(), runtime.sandboxDataDir(), client, platform);
    }

    NodeRuntime make(RuntimeKind kind, Optional<Path> sandboxChaincodeJars, Optional<Path> sandboxDataDir,
                     KubernetesClient client, PlatformSettings platform) {
        return switch (kind) {
            case KUBERNETES -> new KubernetesNodeRuntime(client, new Applier(client), platform);
            case SANDBOX -> new SandboxNodeRuntime(Clock.systemUTC(), sandboxChaincodeJars.orElseGet(this::builtInChaincodeJars),
                    sandboxDataDir);
        };
    }

    void close(@Disposes NodeRuntime runtime) {
        if (runtime instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warnf("Stopping the %s node runtime failed: %s", runtime.name(), e.getMessage());
            }
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
