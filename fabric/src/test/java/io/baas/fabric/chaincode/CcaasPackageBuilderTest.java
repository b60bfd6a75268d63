package io.baas.fabric.chaincode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.baas.fabric.Fixtures;
import io.baas.fabric.chaincode.CcaasConnection.ClientAuth;
import io.baas.fabric.chaincode.CcaasConnection.Tls;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CcaasPackageBuilderTest {

    /** When the fixture package was made (its tar entries' mtime): 2026-11-23T19:23:52Z. */
    private static final Instant FIXTURE_PACKAGED_AT = Instant.ofEpochSecond(1795461832L);
    private static final CcaasConnection FIXTURE_CONNECTION = CcaasConnection.plain("127.0.0.1:9999", "10s");

    @Test
    void rebuildsTheFixturePackageByteForByte() {
        ChaincodePackage built = CcaasPackageBuilder.build("simple_1.0", FIXTURE_CONNECTION, FIXTURE_PACKAGED_AT);

        assertArrayEquals(Fixtures.bytes("chaincode/simple.tar.gz"), built.bytes().toByteArray());
        assertEquals(Fixtures.text("chaincode/package-id.txt").strip(), built.packageId());
        assertEquals(Fixtures.facts().get("chaincode_package").get("package_id").asText(), built.packageId());
    }

    @Test
    void writesTheSameMetadataAndConnectionFilesAsTheFixture() {
        ParsedPackage parsed = ChaincodePackageParser.parse(
                CcaasPackageBuilder.build("simple_1.0", FIXTURE_CONNECTION).bytes().toByteArray());

        assertEquals(new PackageMetadata("ccaas", "simple_1.0", ""), parsed.metadata());
        assertEquals(Fixtures.text("chaincode/connection.json"), parsed.codeEntries().get(1).content().toStringUtf8());
        assertEquals("./", parsed.codeEntries().get(0).name());
    }

    @Test
    void sameInputsGiveTheSamePackageIdAndOtherInputsAnother() {
        ChaincodePackage first = CcaasPackageBuilder.build("simple_1.0", FIXTURE_CONNECTION);
        ChaincodePackage second = CcaasPackageBuilder.build("simple_1.0", FIXTURE_CONNECTION);

        assertEquals(first, second);
        assertNotEquals(first.packageId(), CcaasPackageBuilder.build("simple_1.0", FIXTURE_CONNECTION, FIXTURE_PACKAGED_AT).packageId());
        assertNotEquals(first.packageId(),
                CcaasPackageBuilder.build("simple_1.0", CcaasConnection.plain("127.0.0.1:9998", "10s")).packageId());
    }

    @Test
    void writesTlsSettingsAsTheCcaasBuilderReadsThem() {
        CcaasConnection connection = new CcaasConnection("{{.peername}}-simple:9999", "10s",
                Optional.of(new Tls("ROOT\n", Optional.of(new ClientAuth("CERT\n", "KEY\n")))));

        ParsedPackage parsed = ChaincodePackageParser.parse(
                CcaasPackageBuilder.build("simple_1.0", connection).bytes().toByteArray());

        assertEquals("""
                {
                  "address": "{{.peername}}-simple:9999",
                  "dial_timeout": "10s",
                  "tls_required": true,
                  "client_auth_required": true,
                  "client_key": "KEY\\n",
                  "client_cert": "CERT\\n",
                  "root_cert": "ROOT\\n"
                }
                """, parsed.codeEntries().get(1).content().toStringUtf8());
    }

    @Test
    void refusesLabelsFabricRefuses() {
        for (String label : new String[] {"", "_simple", "simple 1.0", "simple/1.0", "símple"}) {
            ChaincodePackageException e = assertThrows(ChaincodePackageException.class,
                    () -> CcaasPackageBuilder.build(label, FIXTURE_CONNECTION), label);
            assertEquals(ChaincodePackageException.Reason.INVALID_LABEL, e.reason());
        }
    }

    @Test
    void refusesConnectionsWithoutAddressOrGoDuration() {
        assertEquals(ChaincodePackageException.Reason.INVALID_CONNECTION,
                assertThrows(ChaincodePackageException.class, () -> CcaasConnection.plain(" ", "10s")).reason());
        for (String timeout : new String[] {"10", "ten seconds", "", "10 s"}) {
            assertThrows(ChaincodePackageException.class, () -> CcaasConnection.plain("cc:9999", timeout), timeout);
        }
        CcaasConnection.plain("cc:9999", "1m30.5s");
    }

    @Test
    void refusesTimesATarHeaderCannotHold() {
        assertThrows(IllegalArgumentException.class,
                () -> CcaasPackageBuilder.build("simple_1.0", FIXTURE_CONNECTION, Instant.parse("1969-12-31T23:59:59Z")));
    }
}
