package io.baas.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths into the cryptogen output of the real Fabric 2.5.5 test data ({@link io.baas.fabric.Fixtures}). */
public final class Fixtures {

    private Fixtures() {}

    public static Path root() {
        return io.baas.fabric.Fixtures.root();
    }

    /** {@code crypto/crypto-config/<relative>}: cryptogen's output. */
    public static Path cryptoConfig(String relative) {
        return root().resolve("crypto/crypto-config").resolve(relative);
    }

    public static Path org1(String relative) {
        return cryptoConfig("peerOrganizations/org1.example.com").resolve(relative);
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
