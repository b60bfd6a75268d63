package io.baas.fabric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.fabric.identity.EcdsaSigner;
import io.baas.fabric.identity.FabricIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The real Fabric 2.5.5 data in the repository's {@code testdata/fabric-2.5.5} (see testdata/README.md),
 * the one place every test of this module reads it from.
 */
public final class Fixtures {

    /** Set by surefire and failsafe (parent pom) to {@code <repository>/testdata/fabric-2.5.5}. */
    public static final String PROPERTY = "ksbaas.testdata";

    private static JsonNode facts;

    /** Inside the fixture certificates' validity (they start at 2026-11-23T19:18:00Z). */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T19:24:11Z"), ZoneOffset.UTC);

    private Fixtures() {
    }

    /** The fixture folder itself. */
    public static Path root() {
        return locate(System.getProperty(PROPERTY));
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String relative) {
        return new String(bytes(relative), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static synchronized JsonNode facts() {
        if (facts == null) {
            try {
                facts = new ObjectMapper().readTree(path("facts.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return facts;
    }

    /**
     * The signer of a cryptogen user of the fixture, e.g. {@code signer("org1.example.com", "Admin", "Org1MSP")},
     * from its signcert and PKCS#8 key.
     */
    public static EcdsaSigner signer(String domain, String user, String mspId) {
        String kind = domain.equals("example.com") ? "ordererOrganizations/" : "peerOrganizations/";
        String msp = "crypto/crypto-config/" + kind + domain + "/users/" + user + "@" + domain + "/msp/";
        FabricIdentity identity = FabricIdentity.of(mspId,
                FabricIdentity.parseCertificate(bytes(msp + "signcerts/" + user + "@" + domain + "-cert.pem")));
        return EcdsaSigner.fromPkcs8Pem(identity, text(msp + "keystore/priv_sk"));
    }

    public static byte[] block(long number) {
        return bytes("blocks/mychannel-" + number + ".block");
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
