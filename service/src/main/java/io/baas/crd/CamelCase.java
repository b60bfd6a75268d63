package io.baas.crd;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Enum constants as the words status and events use: {@code MSP_ID_TAKEN} is {@code MspIdTaken}. */
public final class CamelCase {

    private CamelCase() {
    }

    public static String of(Enum<?> constant) {
        return Arrays.stream(constant.name().split("_"))
                .filter(part -> !part.isEmpty())
                .map(part -> part.charAt(0) + part.substring(1).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining());
    }
}
