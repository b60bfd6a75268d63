package io.baas.chaincode.repository;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The language a chaincode is written in; a Java version's jar is scanned by the review. */
public enum ChaincodeLanguage {
    JAVA, GO, NODE;

    /** As the API writes it: java, go, node. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ChaincodeLanguage> of(String label) {
        return Arrays.stream(values()).filter(l -> l.label().equals(label)).findFirst();
    }
}
