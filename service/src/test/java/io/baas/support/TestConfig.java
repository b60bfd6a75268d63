package io.baas.support;

import io.baas.config.BaasConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/** The service's typed configuration outside Quarkus: its defaults, overridden by the given properties. */
public final class TestConfig {

    private TestConfig() {
    }

    /** Unknown {@code baas.*} keys are refused, as at the service's start. */
    public static BaasConfig of(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .withConverter(Duration.class, 200, new DurationConverter()) // Quarkus's "30d" form
                .withMapping(BaasConfig.class)
                .withValidateUnknown(true)
                .build()
                .getConfigMapping(BaasConfig.class);
    }
}
