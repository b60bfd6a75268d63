package io.baas.fabric.configtx;

import static io.baas.fabric.configtx.ChannelConfigBuilderTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.baas.fabric.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MspFolderTest {

    private static final String ORG1 = "crypto/crypto-config/peerOrganizations/org1.example.com/";
    private static final ByteString CA = ByteString.copyFrom(Fixtures.bytes(ORG1 + "msp/cacerts/ca.org1.example.com-cert.pem"));
    private static final ByteString TLS_CA = ByteString.copyFrom(Fixtures.bytes(ORG1 + "msp/tlscacerts/tlsca.org1.example.com-cert.pem"));

    @TempDir
    Path folder;

    @Test
    void readsCryptogensMspFolderWithItsNodeOus() {
        MspDescription msp = MspFolder.load(Fixtures.path(ORG1 + "msp"), "Org1MSP");

        assertEquals(MspDescription.of("Org1MSP", CA, TLS_CA), msp);
        assertEquals("peer", msp.nodeOus().orElseThrow().peer().orElseThrow().organizationalUnit());
    }

    @Test
    void readsFilesInNameOrderSkipsNonPemFilesAndFollowsTlsIntermediatesOnlyWithTlsRoots() throws Exception {
        write("cacerts/b.pem", CA);
        write("cacerts/a.pem", TLS_CA);
        write("cacerts/README", ByteString.copyFromUtf8("not a certificate"));
        write("admincerts/admin.pem", CA);
        write("tlsintermediatecerts/ignored.pem", CA);

        MspDescription msp = MspFolder.load(folder, "Org3MSP");

        assertEquals(List.of(TLS_CA, CA), msp.rootCerts());
        assertEquals(List.of(CA), msp.admins());
        assertEquals(List.of(), msp.tlsRootCerts());
        assertEquals(List.of(), msp.tlsIntermediateCerts());
        assertEquals(Optional.empty(), msp.nodeOus());
    }

    @Test
    void nodeOusWithoutACertificateOrDisabled() throws Exception {
        write("cacerts/ca.pem", CA);
        write("config.yaml", ByteString.copyFromUtf8("""
                NodeOUs:
                  Enable: true
                  ClientOUIdentifier:
                    OrganizationalUnitIdentifier: client
                  PeerOUIdentifier:
                    OrganizationalUnitIdentifier: ""
                """));

        NodeOus ous = MspFolder.load(folder, "Org3MSP").nodeOus().orElseThrow();

        assertEquals(Optional.of(new OuIdentifier("client", Optional.empty())), ous.client());
        assertTrue(ous.peer().isEmpty() && ous.admin().isEmpty() && ous.orderer().isEmpty());
        write("config.yaml", ByteString.copyFromUtf8("NodeOUs:\n  Enable: false\n"));
        assertEquals(Optional.empty(), MspFolder.load(folder, "Org3MSP").nodeOus());
    }

    @Test
    void refusesAFolderWithoutCaCertificates() throws Exception {
        write("tlscacerts/tls.pem", TLS_CA);

        assertMessage("no CA certificate in", () -> MspFolder.load(folder, "Org3MSP"));
    }

    @Test
    void refusesAMissingNodeOuCertificateAndUnsupportedOuIdentifiers() throws Exception {
        write("cacerts/ca.pem", CA);
        write("config.yaml", ByteString.copyFromUtf8("""
                NodeOUs:
                  Enable: true
                  AdminOUIdentifier:
                    Certificate: cacerts/missing.pem
                    OrganizationalUnitIdentifier: admin
                """));
        assertMessage("NodeOU admin certificate", () -> MspFolder.load(folder, "Org3MSP"));

        write("config.yaml", ByteString.copyFromUtf8("""
                OrganizationalUnitIdentifiers:
                  - Certificate: cacerts/ca.pem
                    OrganizationalUnitIdentifier: COP
                """));
        assertMessage("OrganizationalUnitIdentifiers are not supported", () -> MspFolder.load(folder, "Org3MSP"));
    }

    @Test
    void refusesAPemFileThatIsNoCertificate() throws Exception {
        write("cacerts/ca.pem", ByteString.copyFromUtf8("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));

        assertMessage("MSP Org3MSP has an invalid root certificate", () -> MspFolder.load(folder, "Org3MSP"));
    }

    private void write(String relative, ByteString content) throws Exception {
        Path file = folder.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, content.toByteArray());
    }
}
