package io.baas.pki.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.baas.pki.ChainVerifier;
import io.baas.pki.Identity;
import io.baas.pki.InvalidNameException;
import io.baas.pki.OrganizationCas;
import io.baas.pki.PkiException;
import io.baas.pki.TestClocks;
import io.baas.pki.TestOrganizations;
import io.baas.pki.ValidityPolicy;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrganizationCaSecretTest {

    private final Clock clock = TestClocks.at(TestOrganizations.NOW);

    @Test
    void roundTripsBothCasAndTheyKeepIssuing() {
        OrganizationCas cas = TestOrganizations.org1(clock);
        Secret secret = OrganizationCaSecret.build("kubesphere-system", "org1", cas);

        OrganizationCas read = OrganizationCaSecret.read(secret, TestOrganizations.ORG1, clock, ValidityPolicy.DEFAULT);

        assertEquals(OrganizationCaSecret.name("org1"), secret.getMetadata().getName());
        assertTrue(OrganizationCaSecret.belongsTo(secret, "org1"));
        assertEquals("kubesphere-system", secret.getMetadata().getNamespace());
        assertEquals("org1", secret.getMetadata().getLabels().get(Labels.ORGANIZATION));
        assertEquals(cas.signingCa().certifiedKey(), read.signingCa().certifiedKey());
        assertEquals(cas.tlsCa().certifiedKey(), read.tlsCa().certifiedKey());
        Identity peer = TestOrganizations.peer0(read);
        new ChainVerifier(clock).verify(List.of(peer.tls().certificate()), List.of(cas.tlsCa().certificate()));
    }

    @Test
    void roundTripsIntermediatesWithTheirChain() {
        var root = TestOrganizations.corporateRoot(clock);
        OrganizationCas cas = TestOrganizations.org1UnderCorporateRoot(clock, root);

        OrganizationCas read = OrganizationCaSecret.read(OrganizationCaSecret.build("kubesphere-system", "org1", cas),
                TestOrganizations.ORG1, clock, ValidityPolicy.DEFAULT);

        assertEquals(cas.signingCa().chain(), read.signingCa().chain());
        assertEquals(root.key().certificate(), read.tlsCa().root());
    }

    @Test
    void refusesAnIncompleteSecretAndBadNames() {
        Secret empty = new SecretBuilder().withData(Map.of()).build();
        assertThrows(PkiException.class, () -> OrganizationCaSecret.read(empty, TestOrganizations.ORG1, clock, ValidityPolicy.DEFAULT));
        OrganizationCas cas = TestOrganizations.org1(clock);
        assertThrows(InvalidNameException.class, () -> OrganizationCaSecret.build("kubesphere-system", "Org1", cas));
    }
}
