package io.baas.api;

import io.baas.error.DomainException;
import io.baas.error.FieldError;
import java.util.List;

/** A whole-number query parameter, or a 400 that names it. */
public final class QueryNumbers {

    private QueryNumbers() {
    }

    /** The parameter's value between {@code min} and {@code max}; {@code absent} when it is not given. */
    public static long parse(String name, String value, long absent, long min, long max) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw DomainException.invalid("The query parameter " + name + " is invalid.",
                List.of(new FieldError(name, "must be a whole number from " + min + " to " + max)));
    }
}
