package io.baas.pki.cryptogen;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.baas.pki.CertificateChainException;
import io.baas.pki.ChainVerifier;
import io.baas.pki.Fixtures;
import io.baas.pki.Pem;
import io.baas.pki.TestClocks;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Our verifier accepts cryptogen's chains, for their purposes, and refuses them across organizations. */
class CryptogenChainsTest {

    private final ChainVerifier verifier = new ChainVerifier(TestClocks.fixtureTime());

    @ParameterizedTest
    @CsvSource({
        "peerOrganizations/org1.example.com, peers/peer0.org1.example.com, server.crt, org1.example.com",
        "peerOrganizations/org2.example.com, peers/peer0.org2.example.com, server.crt, org2.example.com",
        "ordererOrganizations/example.com, orderers/orderer.example.com, server.crt, example.com",
        "peerOrganizations/org1.example.com, users/Admin@org1.example.com, client.crt, org1.example.com",
        "peerOrganizations/org2.example.com, users/User1@org2.example.com, client.crt, org2.example.com",
        "ordererOrganizations/example.com, users/Admin@example.com, client.crt, example.com",
    })
    void verifiesCryptogensSigningAndTlsChains(String org, String identity, String tlsFile, String domain) {
        X509Certificate ca = certificate(org + "/ca/ca." + domain + "-cert.pem");
        X509Certificate tlsCa = certificate(org + "/tlsca/tlsca." + domain + "-cert.pem");
        String name = identity.substring(identity.indexOf('/') + 1);
        X509Certificate signCert = certificate(org + "/" + identity + "/msp/signcerts/" + name + "-cert.pem");
        X509Certificate tlsCert = certificate(org + "/" + identity + "/tls/" + tlsFile);

        verifier.verify(List.of(signCert), List.of(ca));
        verifier.verify(List.of(tlsCert), List.of(tlsCa), KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
        verifier.verify(List.of(tlsCa), List.of(certificate(org + "/" + identity + "/tls/ca.crt")));
        assertThrows(CertificateChainException.class, () -> verifier.verify(List.of(signCert), List.of(tlsCa)));
        assertThrows(CertificateChainException.class, () -> verifier.verify(List.of(tlsCert), List.of(ca)));
    }

    @Test
    void refusesAnotherOrganizationsCertificate() {
        X509Certificate org1Ca = certificate("peerOrganizations/org1.example.com/ca/ca.org1.example.com-cert.pem");
        X509Certificate org2Peer = certificate(
                "peerOrganizations/org2.example.com/peers/peer0.org2.example.com/msp/signcerts/peer0.org2.example.com-cert.pem");

        assertThrows(CertificateChainException.class, () -> verifier.verify(List.of(org2Peer), List.of(org1Ca)));
    }

    private static X509Certificate certificate(String path) {
        return Pem.certificate(Fixtures.read(Fixtures.cryptoConfig(path)));
    }
}
