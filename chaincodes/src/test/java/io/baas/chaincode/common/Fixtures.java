package io.baas.chaincode.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real Fabric 2.5.5 data in the repository's {@code testdata/fabric-2.5.5} (see testdata/README.md),
 * shared with the service module.
 */
public final class Fixtures {

    /** Set by surefire and failsafe (parent pom) to {@code <repository>/testdata/fabric-2.5.5}. */
    public static final String PROPERTY = "ksbaas.testdata";

    private Fixtures() {
    }

    public static Path path(String relative) {
        return locate(System.getProperty(PROPERTY)).resolve(relative);
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

    /**
     * The folder named by {@value #PROPERTY}; without it (a test started outside Maven, e.g. by an
     * IDE, whose working directory is the module), the repository's testdata beside the module.
     */
    static Path locate(String configured) {
        Path root = (configured == null || configured.isBlank()
                ? Path.of("..", "testdata", "fabric-2.5.5")
                : Path.of(configured)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("facts.json"))) {
            throw new IllegalStateException("the Fabric 2.5.5 test data is not at " + root + " (system property "
                    + PROPERTY + (configured == null ? " not set" : " = " + configured)
                    + "); it belongs in <repository>/testdata/fabric-2.5.5 and the parent pom points "
                    + PROPERTY + " there: run the tests with ./mvnw from the repository, or pass -D"
                    + PROPERTY + "=<repository>/testdata/fabric-2.5.5");
        }
        return root;
    }
}
