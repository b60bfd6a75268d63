package io.baas.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real Fabric 2.5.5 fixtures, found by walking up from the working directory to {@code shared/}. */
public final class Fixtures {

    private static final Path FIXTURE = Path.of("shared", "fixtures", "fabric-2.5.5");

    private Fixtures() {}

    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(FIXTURE);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + FIXTURE + " above " + Path.of("").toAbsolutePath());
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
