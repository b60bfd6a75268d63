package io.baas.fabric.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** connection.json filled as Fabric's ccaas builder fills it, and the host's map of servers. */
class CcaasBuildTest {

    private static ParsedPackage packageNaming(CcaasConnection connection) {
        return ChaincodePackageParser.parse(CcaasPackageBuilder.build("app_1", connection, List.of(), Instant.EPOCH).bytes().toByteArray());
    }

    @Test
    void theBuiltInsConnectionIsFilledFromThePeersBuilderConfiguration() {
        Map<String, String> values = CcaasBuild.values("{\"peername\":\"peer0\",\"namespace\":\"trade-bank\",\"tlsrootcert\":\"PEM\",\"n\":7}");

        CcaasBuild.Connection filled = CcaasBuild.fill(packageNaming(BuiltInChaincodes.NOTARIZATION.connection()), values);

        assertThat(filled.address()).isEqualTo("notarization.trade-bank:9999");
        assertThat(filled.tlsRootCert()).contains("PEM");
        assertThat(values).containsEntry("n", "7");
    }

    @Test
    void aPlainConnectionHasNoRootAndFixedTextStaysAsItIs() {
        CcaasBuild.Connection filled = CcaasBuild.fill(packageNaming(CcaasConnection.plain("ledger:9999", "10s")), Map.of());

        assertThat(filled).isEqualTo(new CcaasBuild.Connection("ledger:9999", Optional.empty()));
    }

    @Test
    void aKeyThePeerDoesNotProvideIsAnErrorAsGosMissingkeyError() {
        assertThatThrownBy(() -> CcaasBuild.fill(packageNaming(CcaasConnection.plain("x.{{.cluster}}:9999", "10s")),
                Map.of("namespace", "trade-bank")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no entry for key \"cluster\"");
        assertThatThrownBy(() -> CcaasBuild.values("[1]")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> CcaasBuild.values("{")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theServerMapIsReadBackAndRefusesWhiteSpace(@TempDir Path folder) {
        Path file = folder.resolve("ns/.chaincode-servers");
        assertThat(ChaincodeServerMap.read(file)).isEmpty();

        ChaincodeServerMap.write(file, Map.of("notarization.ns:9999", "127.0.0.1:20107", "ledger:9999", "127.0.0.1:20108"));

        assertThat(ChaincodeServerMap.read(file)).containsExactly(Map.entry("ledger:9999", "127.0.0.1:20108"),
                Map.entry("notarization.ns:9999", "127.0.0.1:20107"));
        assertThat(ChaincodeServerMap.lookup(file, "ledger:9999")).contains("127.0.0.1:20108");
        assertThat(ChaincodeServerMap.lookup(file, "ledger:9998")).isEmpty();
        assertThatThrownBy(() -> ChaincodeServerMap.write(file, Map.of("a b:1", "127.0.0.1:2"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(ChaincodeServerMap.read(file)).as("a refused write leaves the file").hasSize(2);
    }
}
