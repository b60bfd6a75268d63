package io.baas.fabric.chaincode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.fabric.Fixtures;
import io.baas.fabric.chaincode.BuiltInChaincodes.BuiltIn;
import io.baas.fabric.chaincode.BuiltInChaincodes.Definition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltInChaincodesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shipsNotarizationAndAssetTransferWithTheirJarsAndPackageIds() {
        List<BuiltIn> shipped = BuiltInChaincodes.list();

        assertEquals(List.of("notarization", "asset-transfer"), shipped.stream().map(b -> b.definition().name()).toList());
        for (BuiltIn builtIn : shipped) {
            Definition definition = builtIn.definition();
            assertTrue(builtIn.packageId().matches(Pattern.quote(definition.label()) + ":[0-9a-f]{64}"), builtIn.packageId());
            assertEquals(definition.label(), ChaincodePackageParser.parse(builtIn.chaincodePackage().bytes().toByteArray()).metadata().label());
            assertEquals(SandboxJar.of(definition.jarName(), BuiltInChaincodes.jar(definition)), builtIn.jar());
        }
        assertEquals("notarization_1.0", BuiltInChaincodes.NOTARIZATION.label());
        assertEquals("asset-transfer_1.0", BuiltInChaincodes.ASSET_TRANSFER.label());
        assertEquals(shipped.get(1), BuiltInChaincodes.find("asset-transfer").orElseThrow());
    }

    @Test
    void buildingTwiceGivesTheShippedBytesAndPackageIds() {
        for (BuiltIn builtIn : BuiltInChaincodes.list()) {
            byte[] jar = BuiltInChaincodes.jar(builtIn.definition());

            ChaincodePackage first = BuiltInChaincodes.build(builtIn.definition(), jar);
            ChaincodePackage second = BuiltInChaincodes.build(builtIn.definition(), jar.clone());

            assertArrayEquals(first.bytes().toByteArray(), second.bytes().toByteArray());
            assertEquals(builtIn.packageId(), first.packageId(), "the package the build wrote is the one rebuilt from the jar");
            assertEquals(builtIn.packageId(), second.packageId());
            jar[jar.length / 2] ^= 1;
            assertNotEquals(first.packageId(), BuiltInChaincodes.build(builtIn.definition(), jar).packageId(),
                    "other jar bytes, another package");
        }
    }

    @Test
    void packagesAreLaidOutAsTheFixtureCcaasPackage() throws IOException {
        byte[] fixture = Fixtures.bytes("chaincode/simple.tar.gz");
        for (BuiltIn builtIn : BuiltInChaincodes.list()) {
            byte[] ours = builtIn.chaincodePackage().bytes().toByteArray();

            // gzip: no name, mtime 0, XFL 0, OS 3, as the fixture's.
            assertArrayEquals(Arrays.copyOf(fixture, 10), Arrays.copyOf(ours, 10));
            List<byte[]> fixtureHeaders = headers(gunzip(fixture));
            List<byte[]> ourHeaders = headers(gunzip(ours));
            assertEquals(List.of("metadata.json", "code.tar.gz"), ourHeaders.stream().map(BuiltInChaincodesTest::name).toList());
            assertEquals(fixtureHeaders.stream().map(BuiltInChaincodesTest::name).toList(),
                    ourHeaders.stream().map(BuiltInChaincodesTest::name).toList());
            for (int i = 0; i < ourHeaders.size(); i++) {
                assertSameHeaderLayout(fixtureHeaders.get(i), ourHeaders.get(i));
            }

            ParsedPackage parsed = ChaincodePackageParser.parse(ours);
            ParsedPackage simple = ChaincodePackageParser.parse(fixture);
            assertEquals(new PackageMetadata("ccaas", builtIn.definition().label(), ""), parsed.metadata());
            assertEquals(List.of("./", "./connection.json", "./sandbox.json"), parsed.codeEntries().stream().map(TarEntry::name).toList());
            for (int i = 0; i < 2; i++) {
                assertEquals(simple.codeEntries().get(i).name(), parsed.codeEntries().get(i).name());
                assertEquals(simple.codeEntries().get(i).mode(), parsed.codeEntries().get(i).mode());
            }
            JsonNode fixtureConnection = JSON.readTree(simple.codeEntries().get(1).content().toByteArray());
            JsonNode connection = JSON.readTree(parsed.codeEntries().get(1).content().toByteArray());
            List<String> fields = new ArrayList<>();
            connection.fieldNames().forEachRemaining(fields::add);
            List<String> fixtureFields = new ArrayList<>();
            fixtureConnection.fieldNames().forEachRemaining(fixtureFields::add);
            assertEquals(fixtureFields, fields.subList(0, 3), "address, dial_timeout, tls_required first, as the samples write them");
            assertEquals(List.of("client_auth_required", "root_cert"), fields.subList(3, fields.size()));
        }
    }

    @Test
    void connectionTemplateIsFilledPerOrganizationAsTheCcaasBuilderFillsIt() throws IOException {
        BuiltIn notarization = BuiltInChaincodes.find("notarization").orElseThrow();
        String template = ChaincodePackageParser.parse(notarization.chaincodePackage().bytes().toByteArray())
                .codeEntries().get(1).content().toStringUtf8();

        // Fabric's ccaas builder runs each string field through text/template with missingkey=error.
        Set<String> keys = new TreeSet<>();
        Matcher placeholder = Pattern.compile("\\{\\{\\s*\\.([A-Za-z0-9_]+)\\s*}}").matcher(template);
        while (placeholder.find()) {
            keys.add(placeholder.group(1));
        }
        assertEquals(Set.of("namespace", "tlsrootcert"), keys, "what each peer's CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG must provide");
        JsonNode filled = JSON.readTree(template.replace("{{.namespace}}", "org1-ns").replace("{{.tlsrootcert}}", "PEM"));
        assertEquals("notarization.org1-ns:9999", filled.get("address").asText());
        assertEquals("10s", filled.get("dial_timeout").asText());
        assertTrue(filled.get("tls_required").asBoolean());
        assertEquals("PEM", filled.get("root_cert").asText());
    }

    @Test
    void sandboxJarNamesTheJarAndResolvesOnlyItsBytes(@TempDir Path dir) throws IOException {
        BuiltInChaincodes.writeJars(dir);
        for (BuiltIn builtIn : BuiltInChaincodes.list()) {
            SandboxJar jar = SandboxJar.find(ChaincodePackageParser.parse(builtIn.chaincodePackage().bytes().toByteArray())).orElseThrow();
            assertEquals(builtIn.jar(), jar);
            assertEquals(dir.resolve(builtIn.definition().jarName()), jar.resolve(dir));
        }
        SandboxJar notarization = BuiltInChaincodes.list().get(0).jar();
        assertEquals(SandboxJar.of("notarization.jar", BuiltInChaincodes.jar(BuiltInChaincodes.NOTARIZATION)),
                SandboxJar.of("notarization.jar", dir.resolve("notarization.jar")), "a file hashes as its bytes do");
        java.nio.file.attribute.FileTime longAgo = java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(dir.resolve("notarization.jar"), longAgo);
        BuiltInChaincodes.writeJars(dir);
        assertEquals(longAgo, Files.getLastModifiedTime(dir.resolve("notarization.jar")), "writeJars leaves the shipped bytes alone");
        Files.write(dir.resolve("notarization.jar"), "other bytes".getBytes(StandardCharsets.UTF_8));
        assertTrue(assertThrows(IllegalStateException.class, () -> notarization.resolve(dir)).getMessage().contains("the package names"));
        BuiltInChaincodes.writeJars(dir);
        assertEquals(dir.resolve("notarization.jar"), notarization.resolve(dir), "writeJars replaces a stale jar");
        Files.delete(dir.resolve("notarization.jar"));
        assertTrue(assertThrows(IllegalStateException.class, () -> notarization.resolve(dir)).getMessage().contains("is not in"));

        assertThrows(ChaincodePackageException.class, () -> new SandboxJar("../notarization.jar", notarization.sha256()));
        assertThrows(ChaincodePackageException.class, () -> new SandboxJar("notarization.jar", "ABC"));
        assertTrue(SandboxJar.find(ChaincodePackageParser.parse(Fixtures.bytes("chaincode/simple.tar.gz"))).isEmpty());
    }

    @Test
    void builderRefusesCodeFilesOutsideTheArchiveRootOrTwice() {
        CcaasConnection connection = CcaasConnection.plain("cc:9999", "10s");
        for (TarEntry bad : List.of(TarEntry.file("sandbox.json", com.google.protobuf.ByteString.EMPTY),
                TarEntry.file("./a/b.json", com.google.protobuf.ByteString.EMPTY),
                TarEntry.file("./connection.json", com.google.protobuf.ByteString.EMPTY),
                TarEntry.directory("./lib/"))) {
            assertThrows(IllegalArgumentException.class,
                    () -> CcaasPackageBuilder.build("cc_1.0", connection, List.of(bad), java.time.Instant.EPOCH), bad.name());
        }
    }

    /** The shim is on the test class path (sandbox tests build jars from it); the packaged service: PackagedJarIT. */
    @Test
    void theChaincodesAreResourcesNotClassesOfTheService() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.baas.chaincode.server.Main"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.baas.chaincode.notarization.NotarizationContract"));
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    /** The 512-byte headers of a tar archive's entries. */
    private static List<byte[]> headers(byte[] tar) {
        List<byte[]> headers = new ArrayList<>();
        int offset = 0;
        while (offset + 512 <= tar.length && tar[offset] != 0) {
            byte[] header = Arrays.copyOfRange(tar, offset, offset + 512);
            headers.add(header);
            long size = Long.parseLong(new String(header, 124, 11, StandardCharsets.US_ASCII).trim(), 8);
            offset += 512 + (int) ((size + 511) / 512 * 512);
        }
        return headers;
    }

    private static String name(byte[] header) {
        int end = 0;
        while (end < 100 && header[end] != 0) {
            end++;
        }
        return new String(header, 0, end, StandardCharsets.US_ASCII);
    }

    /** Mode, uid, gid, type, magic, version, uname, gname and device fields byte for byte; name, size, mtime and checksum may differ. */
    private static void assertSameHeaderLayout(byte[] expected, byte[] actual) {
        int[][] fields = {{100, 108}, {108, 116}, {116, 124}, {156, 157}, {157, 257}, {257, 265}, {265, 297}, {297, 329}, {329, 345}, {345, 512}};
        for (int[] field : fields) {
            assertArrayEquals(Arrays.copyOfRange(expected, field[0], field[1]), Arrays.copyOfRange(actual, field[0], field[1]),
                    "header bytes " + field[0] + ".." + field[1] + " of " + name(actual));
        }
    }
}
