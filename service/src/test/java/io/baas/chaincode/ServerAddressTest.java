package io.baas.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.fabric.chaincode.CcaasConnection;
import io.baas.fabric.chaincode.CcaasPackageBuilder;
import io.baas.fabric.chaincode.ChaincodePackageParser;
import io.baas.fabric.chaincode.ParsedPackage;
import io.baas.k8s.build.ChaincodeBuilderConfig;
import java.util.Optional;
import org.junit.jupiter.api.Test;

public class ServerAddressTest {

    static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIBxTCCAWug\n-----END CERTIFICATE-----\n";
    static final ChaincodeBuilderConfig BANK_A = new ChaincodeBuilderConfig("peer0", "trade-bank-a", "bank-a", "BankAMSP",
            "cluster.local", PEM);

    public static ParsedPackage ccaas(String address, boolean tls) {
        CcaasConnection connection = new CcaasConnection(address, "10s",
                tls ? Optional.of(new CcaasConnection.Tls("{{.tlsrootcert}}", Optional.empty())) : Optional.empty());
        return ChaincodePackageParser.parse(CcaasPackageBuilder.build("notarization_1.0", connection).bytes().toByteArray());
    }

    @Test
    void aBareServiceNameIsTheOrganizationsOwnServer() {
        assertThat(ServerAddress.of(ccaas("notarization-1-0:9999", true), BANK_A))
                .isEqualTo(new ServerAddress("notarization-1-0", 9999, true));
    }

    @Test
    void aNameQualifiedWithTheNamespaceTemplateIsToo() {
        assertThat(ServerAddress.of(ccaas("notarization.{{.namespace}}.svc.{{.clusterdomain}}:7052", false), BANK_A))
                .isEqualTo(new ServerAddress("notarization", 7052, false));
    }

    @Test
    void theBuildersFieldByFieldFillPutsThePemIntoRootCert() throws Exception {
        ObjectMapper json = new ObjectMapper();
        // What the peer's ccaas builder does: decode its environment variable and connection.json, then fill each field.
        JsonNode environment = json.readTree(BANK_A.json());
        JsonNode connection = json.readTree(ccaas("notarization-1-0:9999", true).codeEntries().get(1).content().toStringUtf8());
        assertThat(connection.get("root_cert").asText()).isEqualTo("{{.tlsrootcert}}");
        assertThat(environment.get("tlsrootcert").asText()).isEqualTo(PEM);
        assertThat(BANK_A.render(connection.get("root_cert").asText())).isEqualTo(PEM);
    }

    @Test
    void anAddressPerPeerIsRefused() {
        assertThatThrownBy(() -> ServerAddress.of(ccaas("{{.peername}}-notarization:9999", true), BANK_A))
                .isInstanceOf(InvalidServerAddressException.class).hasMessageContaining("depends on the peer");
    }

    @Test
    void anotherNamespaceIsRefused() {
        assertThatThrownBy(() -> ServerAddress.of(ccaas("notarization.trade-bank-b.svc:9999", true), BANK_A))
                .isInstanceOf(InvalidServerAddressException.class).hasMessageContaining("not in the organization's namespace");
    }

    @Test
    void anUnknownTemplateKeyAMissingPortAndAnIpAreRefused() {
        assertThatThrownBy(() -> ServerAddress.of(ccaas("{{.chaincodename}}:9999", true), BANK_A))
                .hasMessageContaining("{{.chaincodename}}, which peers do not provide");
        assertThatThrownBy(() -> ServerAddress.of(ccaas("notarization", true), BANK_A)).hasMessageContaining("no host:port");
        assertThatThrownBy(() -> ServerAddress.of(ccaas("notarization:http", true), BANK_A)).hasMessageContaining("numeric port");
        assertThatThrownBy(() -> ServerAddress.of(ccaas("Notarization_1:9999", true), BANK_A)).hasMessageContaining("DNS label");
    }
}
