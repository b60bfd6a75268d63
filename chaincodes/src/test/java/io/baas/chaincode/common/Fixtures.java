package io.baas.chaincode.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real Fabric 2.5.5 data in {@code shared/fixtures/fabric-2.5.5}, beside the repository clone
 * (or a worktree of it): found by walking up from the working directory.
 */
public final class Fixtures {

    private static final Path ROOT = locate();

    private Fixtures() {
    }

    public static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cryptogen user's signing certificate, e.g. {@code signcert("org1.example.com", "User1")}. */
    public static byte[] signcert(String domain, String user) {
        String name = user + "@" + domain;
        return bytes("crypto/crypto-config/peerOrganizations/" + domain + "/users/" + name + "/msp/signcerts/" + name + "-cert.pem");
    }

    private static Path locate() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared/fixtures/fabric-2.5.5");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("shared/fixtures/fabric-2.5.5 not found above " + Path.of("").toAbsolutePath());
    }
}
