package io.baas.cli;

import io.baas.fabric.configtx.GoDurations;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Every duration option reads as Fabric's own tools and files write them ({@code 10s}, {@code 1m30s},
 * {@code 500ms}), and also as ISO-8601 ({@code PT30S}).
 */
final class CliDurations {

    private CliDurations() {
    }

    static Duration parse(String text) {
        String value = text.trim();
        if (value.regionMatches(true, 0, "PT", 0, 2) || value.regionMatches(true, 0, "P", 0, 1)) {
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration (write 30s, 2m or PT30S)");
            }
        }
        try {
            return GoDurations.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (write 30s, 2m or PT30S)");
        }
    }
}
