package io.baas.fabric.chaincode;

import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.ABSOLUTE_PATH;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.DUPLICATE_ENTRY;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.INVALID_CONNECTION;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.INVALID_INDEX;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.INVALID_LABEL;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.INVALID_METADATA;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.LINK;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.MISSING_CODE;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.MISSING_METADATA;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.NOT_GZIP;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.NOT_TAR;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.OVERSIZE;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.PATH_TRAVERSAL;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.SPECIAL_FILE;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.UNKNOWN_TYPE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.baas.fabric.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ChaincodePackageParserTest {

    private static final String METADATA = "{\"type\":\"ccaas\",\"label\":\"simple_1.0\"}";
    private static final byte[] CODE = new RawTar().file("connection.json", "{\"address\":\"cc:9999\"}").tarGz();

    @Test
    void acceptsTheFixturePackage() {
        ParsedPackage parsed = ChaincodePackageParser.parse(Fixtures.bytes("chaincode/simple.tar.gz"));

        assertEquals(new PackageMetadata("ccaas", "simple_1.0", ""), parsed.metadata());
        assertEquals(Fixtures.text("chaincode/package-id.txt").strip(), parsed.chaincodePackage().packageId());
        assertEquals(List.of("./", "./connection.json"), parsed.codeEntries().stream().map(TarEntry::name).toList());
        assertEquals(Fixtures.text("chaincode/connection.json"), parsed.codeEntries().get(1).content().toStringUtf8());
    }

    @Test
    void acceptsAPackageOfOtherTypeWithoutConnection() {
        byte[] pkg = outer(new RawTar()
                .file("metadata.json", "{\"type\":\"golang\",\"label\":\"asset_1\",\"path\":\"github.com/x/asset\"}")
                .entry("code.tar.gz", '0', new RawTar().file("src/main.go", "package main").tarGz(), ""));

        assertEquals(new PackageMetadata("golang", "asset_1", "github.com/x/asset"), ChaincodePackageParser.parse(pkg).metadata());
    }

    @Test
    void rejectsWhatIsNotAGzippedTar() {
        assertReason(NOT_GZIP, () -> ChaincodePackageParser.parse("plain text".getBytes(StandardCharsets.UTF_8)));
        byte[] corrupt = new RawTar().file("metadata.json", METADATA).tar();
        corrupt[148] = '7';
        assertReason(NOT_TAR, () -> ChaincodePackageParser.parse(RawTar.gzip(corrupt)));
    }

    @Test
    void rejectsPathsLeavingTheArchive() {
        assertReason(PATH_TRAVERSAL, () -> parseWithCodeEntry(new RawTar().file("../../etc/cron.d/x", "")));
        assertReason(PATH_TRAVERSAL, () -> parseWithCodeEntry(new RawTar().file("src/../../x", "")));
        assertReason(ABSOLUTE_PATH, () -> parseWithCodeEntry(new RawTar().file("/etc/passwd", "")));
        assertReason(ABSOLUTE_PATH, () -> parseWithCodeEntry(new RawTar().file("C:\\Windows\\x", "")));
    }

    @Test
    void rejectsLinksAndSpecialFiles() {
        assertReason(LINK, () -> parseWithCodeEntry(new RawTar().entry("connection.json", '2', new byte[0], "/etc/passwd")));
        assertReason(LINK, () -> parseWithCodeEntry(new RawTar().entry("x", '1', new byte[0], "connection.json")));
        assertReason(SPECIAL_FILE, () -> parseWithCodeEntry(new RawTar().entry("dev", '3', new byte[0], "")));
        assertReason(SPECIAL_FILE, () -> parseWithCodeEntry(new RawTar().entry("fifo", '6', new byte[0], "")));
        assertReason(SPECIAL_FILE, () -> ChaincodePackageParser.parse(outer(new RawTar()
                .file("metadata.json", METADATA).entry("src/", '5', new byte[0], "").entry("code.tar.gz", '0', CODE, ""))));
    }

    @Test
    void rejectsLinksHiddenBehindPaxOrGnuLongNames() {
        byte[] pax = "29 path=../../../../tmp/evil\n".getBytes(StandardCharsets.UTF_8);
        assertReason(PATH_TRAVERSAL, () -> parseWithCodeEntry(new RawTar().entry("PaxHeader", 'x', pax, "").file("innocent", "")));
        byte[] longName = "/absolute/long/name\0".getBytes(StandardCharsets.UTF_8);
        assertReason(ABSOLUTE_PATH, () -> parseWithCodeEntry(new RawTar().entry("././@LongLink", 'L', longName, "").file("x", "")));
    }

    @Test
    void rejectsHostileExtendedHeaders() {
        byte[] absolutePax = "22 path=/etc/cron.d/x\n".getBytes(StandardCharsets.UTF_8);
        assertReason(ABSOLUTE_PATH, () -> parseWithCodeEntry(new RawTar().entry("PaxHeader", 'x', absolutePax, "").file("innocent", "")));
        assertReason(ABSOLUTE_PATH, () -> parseWithCodeEntry(new RawTar().entry("GlobalHead", 'g', absolutePax, "").file("innocent", "")));
        byte[] paxLink = "24 linkpath=/etc/passwd\n".getBytes(StandardCharsets.UTF_8);
        assertReason(LINK, () -> parseWithCodeEntry(new RawTar().entry("PaxHeader", 'x', paxLink, "").file("connection.json", "")));
        byte[] longLink = "/etc/passwd\0".getBytes(StandardCharsets.UTF_8);
        assertReason(LINK, () -> parseWithCodeEntry(new RawTar().entry("././@LongLink", 'K', longLink, "").file("connection.json", "")));
        assertReason(SPECIAL_FILE, () -> parseWithCodeEntry(new RawTar().entry("sparse", 'S', new byte[0], "")));
        byte[] corruptPax = new RawTar().entry("PaxHeader", 'x', "17 path=innocent\n".getBytes(StandardCharsets.UTF_8), "")
                .file("connection.json", "{\"address\":\"cc:9999\"}").tar();
        corruptPax[148] = '7';
        assertReason(NOT_TAR, () -> ChaincodePackageParser.parse(outer(new RawTar().file("metadata.json", METADATA)
                .entry("code.tar.gz", '0', RawTar.gzip(corruptPax), ""))));
    }

    @Test
    void rejectsTruncatedArchives() {
        byte[] whole = new RawTar().file("metadata.json", METADATA).entry("code.tar.gz", '0', CODE, "").tar();
        byte[] cutInsideCode = java.util.Arrays.copyOf(whole, 1024 + 512);
        assertReason(NOT_TAR, () -> ChaincodePackageParser.parse(RawTar.gzip(cutInsideCode)));
        byte[] cutInsideHeader = java.util.Arrays.copyOf(whole, 1024 + 100);
        assertReason(NOT_TAR, () -> ChaincodePackageParser.parse(RawTar.gzip(cutInsideHeader)));
        byte[] truncatedGzip = java.util.Arrays.copyOf(RawTar.gzip(whole), 40);
        assertReason(NOT_GZIP, () -> ChaincodePackageParser.parse(truncatedGzip));
    }

    @Test
    void rejectsDuplicateEntries() {
        assertReason(DUPLICATE_ENTRY, () -> ChaincodePackageParser.parse(outer(new RawTar()
                .file("metadata.json", METADATA).file("metadata.json", METADATA).entry("code.tar.gz", '0', CODE, ""))));
    }

    @Test
    void rejectsOversizePackagesAndGzipBombs() {
        byte[] fixture = Fixtures.bytes("chaincode/simple.tar.gz");
        assertReason(OVERSIZE, () -> ChaincodePackageParser.parse(fixture, new PackageLimits(400, 1 << 20, 100)));
        // The fixture's archives are 10 KiB each once decompressed.
        assertReason(OVERSIZE, () -> ChaincodePackageParser.parse(fixture, new PackageLimits(1 << 20, 15_000, 100)));
        assertReason(OVERSIZE, () -> ChaincodePackageParser.parse(fixture, new PackageLimits(1 << 20, 1 << 20, 3)));
        byte[] bomb = RawTar.gzip(new byte[50 << 20]);
        assertReason(OVERSIZE, () -> ChaincodePackageParser.parse(bomb, new PackageLimits(1 << 20, 1 << 20, 100)));
    }

    @Test
    void rejectsOneOversizeEntryAndAHighCompressionRatio() {
        byte[] big = new byte[3 << 20];
        java.util.Arrays.fill(big, (byte) 'a');
        byte[] code = new RawTar().file("connection.json", "{\"address\":\"cc:9999\"}").entry("blob", '0', big, "").tarGz();
        byte[] pkg = outer(new RawTar().file("metadata.json", METADATA).entry("code.tar.gz", '0', code, ""));
        ChaincodePackageException entry = org.junit.jupiter.api.Assertions.assertThrows(ChaincodePackageException.class,
                () -> ChaincodePackageParser.parse(pkg, new PackageLimits(1 << 20, 64 << 20, 100, 1 << 20, 100_000)));
        assertEquals(OVERSIZE, entry.reason());
        org.junit.jupiter.api.Assertions.assertTrue(entry.getMessage().contains("entry blob"), entry.getMessage());
        // 3 MiB of one letter gzip about a thousand times: far beyond what code or jars do.
        ChaincodePackageException ratio = org.junit.jupiter.api.Assertions.assertThrows(ChaincodePackageException.class,
                () -> ChaincodePackageParser.parse(pkg, new PackageLimits(1 << 20, 64 << 20, 100, 8 << 20, 200)));
        assertEquals(OVERSIZE, ratio.reason());
        org.junit.jupiter.api.Assertions.assertTrue(ratio.getMessage().contains("compression bomb"), ratio.getMessage());
        // Within both bounds it is an ordinary package.
        ChaincodePackageParser.parse(pkg, new PackageLimits(1 << 20, 64 << 20, 100, 8 << 20, 100_000));
    }

    @Test
    void onlyCcaasPackagesAreRunnable() {
        byte[] golang = outer(new RawTar().file("metadata.json", "{\"type\":\"golang\",\"label\":\"simple_1.0\",\"path\":\"x\"}")
                .entry("code.tar.gz", '0', CODE, ""));
        assertEquals("golang", ChaincodePackageParser.parse(golang).metadata().type());
        assertReason(UNKNOWN_TYPE, () -> ChaincodePackageParser.parseCcaas(golang, PackageLimits.DEFAULT));
        ChaincodePackageParser.parseCcaas(Fixtures.bytes("chaincode/simple.tar.gz"), PackageLimits.DEFAULT);
    }

    @Test
    void rejectsMissingOrInvalidMetadata() {
        assertReason(MISSING_METADATA, () -> ChaincodePackageParser.parse(outer(new RawTar().entry("code.tar.gz", '0', CODE, ""))));
        assertReason(INVALID_METADATA, () -> parseWithMetadata("{not json"));
        assertReason(INVALID_METADATA, () -> parseWithMetadata("[]"));
        assertReason(INVALID_METADATA, () -> parseWithMetadata("{\"label\":\"simple_1.0\"}"));
        assertReason(INVALID_METADATA, () -> parseWithMetadata("{\"type\":\"ccaas\",\"label\":7}"));
        assertReason(INVALID_LABEL, () -> parseWithMetadata("{\"type\":\"ccaas\",\"label\":\"-bad\"}"));
        assertReason(INVALID_LABEL, () -> parseWithMetadata("{\"type\":\"ccaas\"}"));
        assertReason(MISSING_CODE, () -> ChaincodePackageParser.parse(outer(new RawTar().file("metadata.json", METADATA))));
    }

    @Test
    void rejectsCcaasPackagesThatCannotBeDialled() {
        assertReason(INVALID_CONNECTION, () -> parseWithCodeEntry(new RawTar().file("README", "")));
        assertReason(INVALID_CONNECTION, () -> parseWithCodeEntry(new RawTar().file("connection.json", "{\"dial_timeout\":\"10s\"}")));
        assertReason(INVALID_CONNECTION, () -> parseWithCodeEntry(new RawTar().file("connection.json", "{\"address\":")));
    }

    @Test
    void rejectsCouchDbIndexesThePeerCouldNotRead() {
        assertReason(INVALID_INDEX, () -> parseWithCodeEntry(new RawTar().file("connection.json", "{\"address\":\"cc:9999\"}")
                .file("META-INF/statedb/couchdb/indexes/owner.json", "{\"index\":{\"fields\":[]}}")));
        assertEquals(1, parseWithCodeEntry(new RawTar().file("connection.json", "{\"address\":\"cc:9999\"}")
                .file("META-INF/statedb/couchdb/indexes/owner.json", "{\"index\":{\"fields\":[\"owner\"]}}")).codeEntries()
                .stream().filter(entry -> entry.name().endsWith("owner.json")).count());
    }

    private static ParsedPackage parseWithCodeEntry(RawTar code) {
        return ChaincodePackageParser.parse(outer(new RawTar().file("metadata.json", METADATA)
                .entry("code.tar.gz", '0', code.tarGz(), "")));
    }

    private static ParsedPackage parseWithMetadata(String metadata) {
        return ChaincodePackageParser.parse(outer(new RawTar().file("metadata.json", metadata).entry("code.tar.gz", '0', CODE, "")));
    }

    private static byte[] outer(RawTar tar) {
        return tar.tarGz();
    }

    private static void assertReason(ChaincodePackageException.Reason reason, Executable parse) {
        assertEquals(reason, org.junit.jupiter.api.Assertions.assertThrows(ChaincodePackageException.class, parse).reason());
    }
}
