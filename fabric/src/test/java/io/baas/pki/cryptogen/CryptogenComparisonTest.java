package io.baas.pki.cryptogen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.baas.pki.Fixtures;
import io.baas.pki.Identity;
import io.baas.pki.IdentityIssuer;
import io.baas.pki.IdentityRequest;
import io.baas.pki.IdentityRole;
import io.baas.pki.MspOrganization;
import io.baas.pki.OrganizationCaFactory;
import io.baas.pki.OrganizationCas;
import io.baas.pki.Pem;
import io.baas.pki.ServiceAddress;
import io.baas.pki.SubjectTemplate;
import io.baas.pki.TestClocks;
import io.baas.pki.ValidityPolicy;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Field by field, our certificates against cryptogen's (Fabric 2.5.5) for every role. Every
 * difference is listed here with both values, and in docs/pki.md with the reason; any other
 * difference fails.
 */
class CryptogenComparisonTest {

    private static final String EXTENSION_ORDER = "extensions (order)";
    private static final List<String> CA_KEY_USAGE = List.of(
            "[digitalSignature, keyEncipherment, keyCertSign, cRLSign]", "[digitalSignature, keyCertSign, cRLSign]");
    private static final List<String> TLS_KEY_USAGE = List.of("[digitalSignature, keyEncipherment]", "[digitalSignature]");
    private static final List<String> LEAF_SKI = List.of("absent", "SHA-256 of the EC point");
    private static final List<String> LEAF_VALIDITY = List.of("PT87600H", "PT8760H");
    private static final Map<String, List<String>> SIGNING_DIFFERENCES = Map.of(
            "subject key id", LEAF_SKI,
            "validity", LEAF_VALIDITY,
            EXTENSION_ORDER, List.of("[KU, BC, AKI]", "[KU, BC, SKI, AKI]"));

    // The same location attributes as cryptogen's defaults, so the DN structure can be compared.
    private static final MspOrganization ORG1 = new MspOrganization("Org1MSP", "org1.example.com",
            SubjectTemplate.of("US", "California", "San Francisco"));
    private static final MspOrganization ORDERER_ORG = new MspOrganization("OrdererMSP", "example.com",
            SubjectTemplate.of("US", "California", "San Francisco"));

    private final OrganizationCaFactory factory = new OrganizationCaFactory(TestClocks.fixtureTime(), ValidityPolicy.DEFAULT);
    private final OrganizationCas org1 = factory.createRoots(ORG1);
    private final OrganizationCas ordererOrg = factory.createRoots(ORDERER_ORG);

    @Test
    void signingAndTlsCas() throws Exception {
        Map<String, List<String>> differences = Map.of(
                "key usage", CA_KEY_USAGE,
                "extended key usage", List.of("[clientAuth, serverAuth]", "absent"),
                EXTENSION_ORDER, List.of("[KU, EKU, BC, SKI]", "[KU, BC, SKI]"));
        X509Certificate ca = fixture("peerOrganizations/org1.example.com/ca/ca.org1.example.com-cert.pem");
        X509Certificate tlsCa = fixture("peerOrganizations/org1.example.com/tlsca/tlsca.org1.example.com-cert.pem");

        compare(ca, ca, org1.signingCa().certificate(), org1.signingCa().certificate(), differences);
        compare(tlsCa, tlsCa, org1.tlsCa().certificate(), org1.tlsCa().certificate(), differences);
    }

    @Test
    void peerAndOrdererSigningCertificates() throws Exception {
        compare(fixture("peerOrganizations/org1.example.com/peers/peer0.org1.example.com/msp/signcerts/peer0.org1.example.com-cert.pem"),
                fixture("peerOrganizations/org1.example.com/ca/ca.org1.example.com-cert.pem"),
                peer().signing().certificate(), org1.signingCa().certificate(), SIGNING_DIFFERENCES);
        compare(fixture("ordererOrganizations/example.com/orderers/orderer.example.com/msp/signcerts/orderer.example.com-cert.pem"),
                fixture("ordererOrganizations/example.com/ca/ca.example.com-cert.pem"),
                orderer().signing().certificate(), ordererOrg.signingCa().certificate(), SIGNING_DIFFERENCES);
    }

    @Test
    void adminAndUserSigningCertificates() throws Exception {
        X509Certificate ca = fixture("peerOrganizations/org1.example.com/ca/ca.org1.example.com-cert.pem");

        compare(fixture("peerOrganizations/org1.example.com/users/Admin@org1.example.com/msp/signcerts/Admin@org1.example.com-cert.pem"),
                ca, user(IdentityRole.ADMIN, "Admin@org1.example.com").signing().certificate(), org1.signingCa().certificate(), SIGNING_DIFFERENCES);
        compare(fixture("peerOrganizations/org1.example.com/users/User1@org1.example.com/msp/signcerts/User1@org1.example.com-cert.pem"),
                ca, user(IdentityRole.USER, "User1@org1.example.com").signing().certificate(), org1.signingCa().certificate(), SIGNING_DIFFERENCES);
    }

    @Test
    void nodeTlsCertificates() throws Exception {
        Map<String, List<String>> differences = Map.of(
                "key usage", TLS_KEY_USAGE,
                "subject key id", LEAF_SKI,
                "validity", LEAF_VALIDITY,
                EXTENSION_ORDER, List.of("[KU, EKU, BC, AKI, SAN]", "[KU, EKU, BC, SKI, AKI, SAN]"));

        compare(fixture("peerOrganizations/org1.example.com/peers/peer0.org1.example.com/tls/server.crt"),
                fixture("peerOrganizations/org1.example.com/tlsca/tlsca.org1.example.com-cert.pem"),
                peer().tls().certificate(), org1.tlsCa().certificate(), differences);
        compare(fixture("ordererOrganizations/example.com/orderers/orderer.example.com/tls/server.crt"),
                fixture("ordererOrganizations/example.com/tlsca/tlsca.example.com-cert.pem"),
                orderer().tls().certificate(), ordererOrg.tlsCa().certificate(), differences);
    }

    @Test
    void userTlsClientCertificates() throws Exception {
        Map<String, List<String>> differences = Map.of(
                "key usage", TLS_KEY_USAGE,
                "extended key usage", List.of("[serverAuth, clientAuth]", "[clientAuth]"),
                "subject key id", LEAF_SKI,
                "validity", LEAF_VALIDITY,
                EXTENSION_ORDER, List.of("[KU, EKU, BC, AKI]", "[KU, EKU, BC, SKI, AKI]"));
        X509Certificate tlsCa = fixture("peerOrganizations/org1.example.com/tlsca/tlsca.org1.example.com-cert.pem");

        compare(fixture("peerOrganizations/org1.example.com/users/Admin@org1.example.com/tls/client.crt"), tlsCa,
                user(IdentityRole.ADMIN, "Admin@org1.example.com").tls().certificate(), org1.tlsCa().certificate(), differences);
        compare(fixture("peerOrganizations/org1.example.com/users/User1@org1.example.com/tls/client.crt"), tlsCa,
                user(IdentityRole.USER, "User1@org1.example.com").tls().certificate(), org1.tlsCa().certificate(), differences);
    }

    private Identity peer() {
        // cryptogen's SANs for this peer were its names plus "127.0.0.1" and "localhost": same kinds here.
        return new IdentityIssuer(org1).issue(IdentityRequest.node(IdentityRole.PEER, "peer0.org1.example.com",
                List.of(ServiceAddress.of("peer0", "org1")), List.of("127.0.0.1", "localhost")));
    }

    private Identity orderer() {
        return new IdentityIssuer(ordererOrg).issue(IdentityRequest.node(IdentityRole.ORDERER, "orderer.example.com",
                List.of(ServiceAddress.of("orderer", "orderer-org")), List.of("127.0.0.1", "localhost")));
    }

    private Identity user(IdentityRole role, String name) {
        return new IdentityIssuer(org1).issue(IdentityRequest.user(role, name));
    }

    private static void compare(X509Certificate cryptogen, X509Certificate cryptogenIssuer, X509Certificate ours,
            X509Certificate ourIssuer, Map<String, List<String>> differences) throws Exception {
        Map<String, String> theirs = CertificateShape.of(cryptogen, cryptogenIssuer);
        Map<String, String> mine = CertificateShape.of(ours, ourIssuer);
        assertEquals(theirs.keySet(), mine.keySet());
        for (String field : theirs.keySet()) {
            List<String> difference = differences.get(field);
            if (difference == null) {
                assertEquals(theirs.get(field), mine.get(field), field + " should be as cryptogen's");
            } else {
                assertEquals(difference.get(0), theirs.get(field), field + " of cryptogen");
                assertEquals(difference.get(1), mine.get(field), field + " of ks-baas");
            }
        }
    }

    private static X509Certificate fixture(String path) {
        return Pem.certificate(Fixtures.read(Fixtures.cryptoConfig(path)));
    }
}
