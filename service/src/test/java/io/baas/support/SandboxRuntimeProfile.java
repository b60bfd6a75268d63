package io.baas.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The sandbox node runtime: nodes run for real in the service's JVM, so peers reach phase Running and channels go live. */
public class SandboxRuntimeProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("baas.runtime.nodes", "sandbox");
    }
}
