package io.baas.pki.msp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.baas.pki.CertificateChainException;
import io.baas.pki.Certificates;
import io.baas.pki.Fixtures;
import io.baas.pki.Identity;
import io.baas.pki.KeyMismatchException;
import io.baas.pki.NodeOu;
import io.baas.pki.OrganizationCas;
import io.baas.pki.PkiException;
import io.baas.pki.TestClocks;
import io.baas.pki.TestOrganizations;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MspReaderTest {

    private final MspReader fixtureReader = new MspReader(TestClocks.fixtureTime());

    @ParameterizedTest
    @CsvSource({
        "peerOrganizations/org1.example.com/peers/peer0.org1.example.com/msp, PEER, peer0.org1.example.com",
        "peerOrganizations/org1.example.com/users/Admin@org1.example.com/msp, ADMIN, Admin@org1.example.com",
        "peerOrganizations/org2.example.com/users/User1@org2.example.com/msp, CLIENT, User1@org2.example.com",
        "ordererOrganizations/example.com/orderers/orderer.example.com/msp, ORDERER, orderer.example.com",
    })
    void readsCryptogensLocalMsps(String folder, NodeOu ou, String commonName) {
        MspFolder msp = fixtureReader.read(Fixtures.cryptoConfig(folder));

        assertEquals(commonName, Certificates.commonName(msp.signer().orElseThrow().certificate()));
        assertEquals(Optional.of(ou), Certificates.nodeOu(msp.signer().orElseThrow().certificate()));
        assertTrue(msp.nodeOus().orElseThrow().enabled());
        assertEquals(1, msp.caCerts().size());
        assertEquals(1, msp.tlsCaCerts().size());
    }

    @Test
    void readsCryptogensOrganizationMsp() {
        MspFolder msp = fixtureReader.read(Fixtures.org1("msp"));

        assertTrue(msp.signer().isEmpty());
        assertEquals("cacerts/ca.org1.example.com-cert.pem",
                msp.nodeOus().orElseThrow().identifier(NodeOu.PEER).orElseThrow().certificate());
    }

    @Test
    void refusesAKeystoreWithoutTheSignersKey() {
        FileTree peer = FileTree.readFrom(Fixtures.org1("peers/peer0.org1.example.com/msp"));
        FileTree admin = FileTree.readFrom(Fixtures.org1("users/Admin@org1.example.com/msp"));

        assertThrows(KeyMismatchException.class, () -> fixtureReader.read(replace(peer, "keystore/priv_sk", admin)));
    }

    @Test
    void refusesASignerFromAnotherOrganization() {
        FileTree org1Peer = FileTree.readFrom(Fixtures.org1("peers/peer0.org1.example.com/msp"));
        FileTree org2Peer = FileTree.readFrom(Fixtures.cryptoConfig("peerOrganizations/org2.example.com/peers/peer0.org2.example.com/msp"));
        FileTree mixed = replace(replace(org1Peer, "keystore/priv_sk", org2Peer),
                "signcerts/peer0.org1.example.com-cert.pem", org2Peer, "signcerts/peer0.org2.example.com-cert.pem");

        assertThrows(CertificateChainException.class, () -> fixtureReader.read(mixed));
    }

    @Test
    void refusesExpiredOrNotYetValidSigners() {
        Clock beforeFixtures = TestClocks.at(Instant.parse("2026-01-01T00:00:00Z"));
        assertThrows(CertificateChainException.class,
                () -> new MspReader(beforeFixtures).read(Fixtures.org1("peers/peer0.org1.example.com/msp")));
    }

    @Test
    void refusesAConfigYamlNamingAMissingCertificate() {
        OrganizationCas cas = TestOrganizations.org1(TestClocks.at(TestOrganizations.NOW));
        Identity peer = TestOrganizations.peer0(cas);
        FileTree msp = MspLayout.identityMsp(cas, peer);
        List<MspFile> files = new ArrayList<>(msp.files().stream().filter(file -> !file.path().startsWith("cacerts/")).toList());
        files.add(MspFile.text("cacerts/other-cert.pem", msp.file("cacerts/ca.org1.example.com-cert.pem").orElseThrow().text(),
                FileKind.PUBLIC));

        PkiException e = assertThrows(PkiException.class,
                () -> new MspReader(TestClocks.at(TestOrganizations.NOW)).read(FileTree.of(files)));
        assertTrue(e.getMessage().contains("cacerts/ca.org1.example.com-cert.pem"));
    }

    @Test
    void refusesAnMspWithoutCaCerts() {
        assertThrows(PkiException.class, () -> fixtureReader.read(FileTree.empty()));
    }

    private static FileTree replace(FileTree tree, String path, FileTree source) {
        return replace(tree, path, source, path);
    }

    private static FileTree replace(FileTree tree, String path, FileTree source, String sourcePath) {
        List<MspFile> files = new ArrayList<>(tree.files().stream().filter(file -> !file.path().equals(path)).toList());
        MspFile replacement = source.file(sourcePath).orElseThrow();
        files.add(new MspFile(sourcePath, replacement.content(), replacement.kind()));
        return FileTree.of(files);
    }
}
