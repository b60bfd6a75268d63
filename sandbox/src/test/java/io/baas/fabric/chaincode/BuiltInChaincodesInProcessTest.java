package io.baas.fabric.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.baas.fabric.chaincode.BuiltInChaincodes.BuiltIn;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in jars as the sandbox runs them: each in a class loader of its own over the jar
 * alone. The shim finds contracts by scanning every class path it can see, so this checks that a
 * jar's scan finds its own contract and nothing else. The shipped package running on sandbox peers
 * end to end: {@code io.baas.fabric.sandbox.peer.BuiltInChaincodesOnSandboxTest}.
 */
class BuiltInChaincodesInProcessTest {

    @Test
    void eachJarFindsOnlyItsOwnContractInItsOwnClassLoader(@TempDir Path dir) throws Exception {
        BuiltInChaincodes.writeJars(dir);
        for (BuiltIn builtIn : BuiltInChaincodes.list()) {
            Path jar = builtIn.jar().resolve(dir);
            // Its own contract, and the shim's system contract (org.hyperledger.fabric:GetMetadata).
            assertEquals(Set.of(builtIn.definition().name().equals("notarization") ? "notarization" : "assets", "org.hyperledger.fabric"),
                    contracts(jar), builtIn.definition().jarName());
        }
    }

    /** The contract names the shim's scan registers, run inside an isolated class loader over the jar. */
    private static Set<String> contracts(Path jar) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            thread.setContextClassLoader(loader);
            Class<?> typeRegistry = loader.loadClass("org.hyperledger.fabric.contract.routing.TypeRegistry");
            Class<?> routingRegistry = loader.loadClass("org.hyperledger.fabric.contract.routing.impl.RoutingRegistryImpl");
            Object routing = routingRegistry.getConstructor().newInstance();
            routingRegistry.getMethod("findAndSetContracts", typeRegistry).invoke(routing, typeRegistry.getMethod("getRegistry").invoke(null));
            Set<String> names = new TreeSet<>();
            Class<?> definition = loader.loadClass("org.hyperledger.fabric.contract.routing.ContractDefinition");
            for (Object contract : (Collection<?>) routingRegistry.getMethod("getAllDefinitions").invoke(routing)) {
                names.add((String) definition.getMethod("getName").invoke(contract));
            }
            return names;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
