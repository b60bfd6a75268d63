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
 * The real Fabric 2.5.5 data in {@code shared/fixtures/fabric-2.5.5}, which sits beside the
 * repository clone (or a worktree of it): found by walking up from the working directory.
 */
public final class Fixtures {

    private static final Path ROOT = locate();
    private static JsonNode facts;

    /** Inside the fixture certificates' validity (they start at 2026-11-23T19:18:00Z). */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T19:24:11Z"), ZoneOffset.UTC);

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

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/fabric-2.5.5");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/fixtures/fabric-2.5.5 not found above " + Path.of("").toAbsolutePath());
    }
}
