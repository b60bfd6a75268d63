package io.baas.ui;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The console story's service: nodes run for real (the sandbox runtime), and the explorer indexes
 * every channel as in production (the other tests start indexers themselves), looking for new
 * channels every second so the story's channel is indexed as soon as it has blocks.
 */
public class ConsoleStoryProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("baas.runtime.nodes", "sandbox", "baas.explorer.enabled", "true", "baas.explorer.discovery-interval", "1s");
    }
}
