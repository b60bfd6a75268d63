package io.baas.pki.msp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.baas.pki.Fixtures;
import io.baas.pki.Identity;
import io.baas.pki.IdentityIssuer;
import io.baas.pki.IdentityRequest;
import io.baas.pki.IdentityRole;
import io.baas.pki.ImportedCa;
import io.baas.pki.InvalidNameException;
import io.baas.pki.OrganizationCas;
import io.baas.pki.Pem;
import io.baas.pki.TestClocks;
import io.baas.pki.TestOrganizations;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MspLayoutTest {

    private final Clock clock = TestClocks.at(TestOrganizations.NOW);
    private final OrganizationCas cas = TestOrganizations.org1(clock);
    private final Identity peer = TestOrganizations.peer0(cas);

    @Test
    void organizationMspHasCryptogensLayoutAndConfigYaml() {
        FileTree msp = MspLayout.organizationMsp(cas);

        assertEquals(List.of("cacerts/ca.org1.example.com-cert.pem", "tlscacerts/tlsca.org1.example.com-cert.pem", "config.yaml"),
                msp.paths());
        assertEquals(Fixtures.read(Fixtures.org1("msp/config.yaml")), msp.file("config.yaml").orElseThrow().text(),
                "same CA name, so byte-identical to cryptogen's config.yaml");
    }

    @Test
    void nodeMaterialHasTheSamePathsAsCryptogensPeerFolder() {
        FileTree material = MspLayout.identityMaterial(cas, peer);
        List<String> cryptogen = FileTree.readFrom(Fixtures.org1("peers/peer0.org1.example.com")).paths().stream()
                .map(path -> path.replace("peer0.org1.example.com-cert.pem", "peer0-cert.pem")).sorted().toList();

        assertEquals(cryptogen, material.paths().stream().sorted().toList());
        assertEquals(FileKind.PRIVATE_KEY, material.file("msp/keystore/priv_sk").orElseThrow().kind());
        assertEquals(FileKind.PRIVATE_KEY, material.file("tls/server.key").orElseThrow().kind());
        assertEquals(cas.tlsCa().certificate(), Pem.certificate(material.file("tls/ca.crt").orElseThrow().text()));
    }

    @Test
    void usersGetClientTlsFilesLikeCryptogensUsers() {
        Identity admin = new IdentityIssuer(cas).issue(IdentityRequest.user(IdentityRole.ADMIN, "Admin@org1.example.com"));
        List<String> cryptogen = FileTree.readFrom(Fixtures.org1("users/Admin@org1.example.com")).paths().stream().sorted().toList();

        assertEquals(cryptogen, MspLayout.identityMaterial(cas, admin).paths().stream().sorted().toList());
    }

    @Test
    void intermediatesGoToIntermediateFoldersAndTheOuIdentifiersPointThere() {
        ImportedCa corporate = TestOrganizations.corporateRoot(clock);
        OrganizationCas intermediates = TestOrganizations.org1UnderCorporateRoot(clock, corporate);
        Identity node = TestOrganizations.peer0(intermediates);
        FileTree material = MspLayout.identityMaterial(intermediates, node);

        assertTrue(material.file("msp/cacerts/Example-Corp-Root-cert.pem").isPresent());
        assertTrue(material.file("msp/intermediatecerts/ca.org1.example.com-cert.pem").isPresent());
        assertTrue(material.file("msp/tlsintermediatecerts/tlsca.org1.example.com-cert.pem").isPresent());
        assertTrue(material.file("msp/config.yaml").orElseThrow().text()
                .contains("Certificate: intermediatecerts/ca.org1.example.com-cert.pem"));
        assertEquals(List.of(node.tls().certificate(), intermediates.tlsCa().certificate()),
                Pem.certificates(material.file("tls/server.crt").orElseThrow().text()));
        assertEquals(node.signing(), new MspReader(clock).read(material.subtree("msp")).signer().orElseThrow());
    }

    @Test
    void zipsAreReproducibleAndHoldEveryFile() throws IOException {
        FileTree material = MspLayout.identityMaterial(cas, peer);
        byte[] zip = material.toZip();

        assertArrayEquals(zip, material.toZip());
        List<String> entries = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.add(entry.getName());
                assertArrayEquals(material.file(entry.getName()).orElseThrow().content(), in.readAllBytes());
            }
        }
        assertEquals(material.paths(), entries);
    }

    @Test
    void writesADirectoryThatReadsBackWithKeysForTheOwnerOnly(@TempDir Path dir) throws IOException {
        MspLayout.identityMaterial(cas, peer).writeTo(dir);

        MspFolder msp = new MspReader(clock).read(dir.resolve("msp"));
        assertEquals(peer.signing(), msp.signer().orElseThrow());
        assertEquals(List.of(cas.signingCa().certificate()), msp.caCerts());
        assertEquals(List.of(cas.tlsCa().certificate()), msp.tlsCaCerts());
        assertTrue(msp.adminCerts().isEmpty());
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(dir.resolve("tls/server.key")));
        }
    }

    @Test
    void refusesPathsThatCouldEscapeTheTree() {
        assertThrows(InvalidNameException.class, () -> MspFile.text("../etc/passwd", "x", FileKind.PUBLIC));
        assertThrows(InvalidNameException.class, () -> MspFile.text("/abs", "x", FileKind.PUBLIC));
        assertThrows(InvalidNameException.class, () -> MspFile.text("a//b", "x", FileKind.PUBLIC));
        assertThrows(InvalidNameException.class, () -> MspFile.text("a/./b", "x", FileKind.PUBLIC));
        assertFalse(MspFile.text("keystore/priv_sk", "secret", FileKind.PRIVATE_KEY).toString().contains("secret"));
    }
}
