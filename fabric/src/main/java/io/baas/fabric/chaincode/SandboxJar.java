package io.baas.fabric.chaincode;

import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.INVALID_METADATA;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.baas.fabric.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What lets the sandbox run a CCaaS package's chaincode in-process: the {@code sandbox.json} of the
 * package's code archive, {@code {"jar": "<file name>", "sha256": "<hex SHA-256 of the jar>"}}.
 * The sandbox finds the jar by that name in its chaincode directory and runs it only if the hash
 * matches. Fabric's ccaas builder ignores the file; on real peers the same package dials the
 * chaincode server of connection.json.
 */
public record SandboxJar(String jar, String sha256) {

    public static final String FILE = "./sandbox.json";
    private static final Pattern JAR_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*\\.jar");
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    public SandboxJar {
        if (jar == null || !JAR_NAME.matcher(jar).matches()) {
            throw new ChaincodePackageException(INVALID_METADATA, "sandbox.json: jar must be a plain .jar file name, was " + jar);
        }
        if (sha256 == null || !HEX_SHA256.matcher(sha256).matches()) {
            throw new ChaincodePackageException(INVALID_METADATA, "sandbox.json: sha256 must be 64 lower-case hex digits, was " + sha256);
        }
    }

    /** The descriptor of a jar's bytes. */
    public static SandboxJar of(String jarName, byte[] jarBytes) {
        return new SandboxJar(jarName, HexFormat.of().formatHex(Sha256.digest(jarBytes).toByteArray()));
    }

    /** The descriptor of a jar file, hashed as it is read. */
    public static SandboxJar of(String jarName, Path jarFile) throws IOException {
        return new SandboxJar(jarName, HexFormat.of().formatHex(Sha256.digest(jarFile).toByteArray()));
    }

    /** The package's descriptor, if it has one ({@code ./sandbox.json} or {@code sandbox.json}). */
    public static Optional<SandboxJar> find(ParsedPackage parsed) {
        return parsed.codeEntries().stream()
                .filter(entry -> !entry.directory() && (entry.name().equals(FILE) || entry.name().equals("sandbox.json")))
                .findFirst()
                .map(SandboxJar::read);
    }

    private static SandboxJar read(TarEntry file) {
        JsonNode json;
        try {
            json = JSON.readTree(file.content().toByteArray());
        } catch (IOException e) {
            throw new ChaincodePackageException(INVALID_METADATA, "sandbox.json is not JSON: " + e.getMessage());
        }
        if (json == null || !json.path("jar").isTextual() || !json.path("sha256").isTextual()) {
            throw new ChaincodePackageException(INVALID_METADATA, "sandbox.json needs the string fields jar and sha256");
        }
        return new SandboxJar(json.get("jar").asText(), json.get("sha256").asText());
    }

    /** The file's entry, written as the other package files are (two-space JSON, final newline). */
    public TarEntry entry() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("jar", jar);
        members.put("sha256", sha256);
        return TarEntry.file(FILE, ByteString.copyFromUtf8(JsonText.object(members)));
    }

    /**
     * The jar in {@code directory}, checked against the hash.
     *
     * @throws IllegalStateException when it is missing or its bytes are not the ones the package names
     */
    public Path resolve(Path directory) {
        Path file = directory.resolve(jar);
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("chaincode jar " + jar + " is not in " + directory);
            }
            SandboxJar actual = of(jar, file);
            if (!actual.sha256().equals(sha256)) {
                throw new IllegalStateException("chaincode jar " + file + " has SHA-256 " + actual.sha256() + ", the package names " + sha256);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read chaincode jar " + file, e);
        }
    }
}
