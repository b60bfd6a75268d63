package io.baas.pki.k8s;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.baas.pki.CertifiedKey;
import io.baas.pki.Identity;
import io.baas.pki.InvalidNameException;
import io.baas.pki.OrganizationCas;
import io.baas.pki.PkiException;
import io.baas.pki.TestClocks;
import io.baas.pki.TestOrganizations;
import io.baas.pki.msp.FileKind;
import io.baas.pki.msp.FileTree;
import io.baas.pki.msp.MspFile;
import io.baas.pki.msp.MspLayout;
import io.baas.pki.lifecycle.IdentityRenewer;
import io.baas.pki.lifecycle.RenewalPolicy;
import io.baas.pki.lifecycle.RevocationList;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class NodeMaterialBuilderTest {

    private final OrganizationCas cas = TestOrganizations.org1(TestClocks.at(TestOrganizations.NOW));
    private final Identity peer = TestOrganizations.peer0(cas);
    private final FileTree material = MspLayout.identityMaterial(cas, peer);
    private final NodeMaterial objects = NodeMaterialBuilder.build("consortium1-org1", "org1", "peer0", material);

    @Test
    void secretHoldsTheKeysAndOwnCertificatesAndConfigMapTheRest() {
        assertEquals(List.of("msp/signcerts/peer0-cert.pem", "msp/keystore/priv_sk", "tls/server.crt", "tls/server.key"),
                objects.secretItems().stream().map(KeyToPath::getPath).toList());
        assertEquals(List.of("msp/cacerts/ca.org1.example.com-cert.pem", "msp/tlscacerts/tlsca.org1.example.com-cert.pem",
                "msp/config.yaml", "tls/ca.crt"), objects.configMapItems().stream().map(KeyToPath::getPath).toList());
        assertEquals(0400, objects.secretItems().get(1).getMode());
        for (KeyToPath item : objects.secretItems()) {
            assertArrayEquals(material.file(item.getPath()).orElseThrow().content(),
                    Base64.getDecoder().decode(objects.secret().getData().get(item.getKey())));
        }
        for (KeyToPath item : objects.configMapItems()) {
            assertEquals(material.file(item.getPath()).orElseThrow().text(), objects.configMap().getData().get(item.getKey()));
        }
    }

    @Test
    void objectsAreNamedAndLabelledForTheirOrganizationAndNode() {
        Map<String, String> labels = Map.of("app.kubernetes.io/managed-by", "ks-baas",
                "app.kubernetes.io/component", "fabric-node-identity", "baas.io/organization", "org1", "baas.io/node", "peer0");
        assertEquals("peer0-identity", objects.secret().getMetadata().getName());
        assertEquals("peer0-msp", objects.configMap().getMetadata().getName());
        assertEquals("consortium1-org1", objects.secret().getMetadata().getNamespace());
        assertEquals("consortium1-org1", objects.configMap().getMetadata().getNamespace());
        assertEquals(labels, objects.secret().getMetadata().getLabels());
        assertEquals(labels, objects.configMap().getMetadata().getLabels());
    }

    @Test
    void noPrivateKeyEverReachesTheConfigMap() {
        String configMap = Serialization.asJson(objects.configMap());

        for (CertifiedKey key : List.of(peer.signing(), peer.tls())) {
            forms(key).forEach(form -> {
                assertFalse(configMap.contains(form), "private key found in the ConfigMap");
                assertFalse(objects.toString().contains(form), "private key found in toString");
            });
            assertTrue(Serialization.asJson(objects.secret()).contains(Base64.getEncoder()
                    .encodeToString(key.privateKeyPem().getBytes())), "the Secret does hold it");
        }
        assertFalse(configMap.contains("PRIVATE KEY"));
    }

    @Test
    void aRenewalReplacesTheCertificatesInTheSecretAndKeepsTheKeys() {
        TestClocks.Mutable clock = new TestClocks.Mutable(TestOrganizations.NOW);
        OrganizationCas renewingCas = TestOrganizations.org1(clock);
        Identity node = TestOrganizations.peer0(renewingCas);
        Secret before = NodeMaterialBuilder.build("ns", "org1", "peer0", MspLayout.identityMaterial(renewingCas, node)).secret();
        clock.set(node.signing().certificate().getNotAfter().toInstant().minus(Duration.ofDays(7)));

        Identity renewed = new IdentityRenewer(renewingCas, RenewalPolicy.DEFAULT).renewDue(node, RevocationList.empty()).orElseThrow();
        Secret after = NodeMaterialBuilder.build("ns", "org1", "peer0", MspLayout.identityMaterial(renewingCas, renewed)).secret();

        assertEquals(before.getMetadata().getName(), after.getMetadata().getName());
        assertEquals(before.getData().keySet(), after.getData().keySet());
        assertEquals(before.getData().get("msp.keystore.priv_sk"), after.getData().get("msp.keystore.priv_sk"));
        assertEquals(before.getData().get("tls.server.key"), after.getData().get("tls.server.key"));
        assertNotEquals(before.getData().get("msp.signcerts.peer0-cert.pem"), after.getData().get("msp.signcerts.peer0-cert.pem"));
        assertNotEquals(before.getData().get("tls.server.crt"), after.getData().get("tls.server.crt"));
    }

    @Test
    void refusesAPrivateKeyMislabelledAsPublic() {
        FileTree mislabelled = FileTree.of(List.of(MspFile.text("msp/keystore/priv_sk", peer.signing().privateKeyPem(), FileKind.PUBLIC)));

        assertThrows(PkiException.class, () -> NodeMaterialBuilder.build("ns", "org1", "peer0", mislabelled));
    }

    @Test
    void refusesInvalidNames() {
        assertThrows(InvalidNameException.class, () -> NodeMaterialBuilder.build("Bad_NS", "org1", "peer0", material));
        assertThrows(InvalidNameException.class, () -> NodeMaterialBuilder.build("ns", "org 1", "peer0", material));
        assertThrows(InvalidNameException.class, () -> NodeMaterialBuilder.build("ns", "org1", "Peer0", material));
    }

    @Test
    void dataKeysAreValidKubernetesKeys() {
        assertEquals("msp.signcerts.Admin-org1-cert.pem", NodeMaterialBuilder.dataKey("msp/signcerts/Admin@org1-cert.pem"));
        objects.secret().getData().keySet().forEach(key -> assertTrue(key.matches("[-._a-zA-Z0-9]+"), key));
    }

    /** Every way a key could leak: PEM body, base64 and hex of its DER, hex of its scalar. */
    static Stream<String> forms(CertifiedKey key) {
        byte[] der = key.privateKey().getEncoded();
        String pemBody = key.privateKeyPem().lines().filter(line -> !line.startsWith("-----")).reduce("", String::concat);
        return Stream.of(pemBody, Base64.getEncoder().encodeToString(der), HexFormat.of().formatHex(der),
                ((ECPrivateKey) key.privateKey()).getS().toString(16),
                key.privateKeyPem().lines().skip(1).findFirst().orElseThrow());
    }
}
