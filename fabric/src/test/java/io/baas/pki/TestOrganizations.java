package io.baas.pki;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Organizations and identities made the way the platform makes them, at a fixed time. */
public final class TestOrganizations {

    public static final Instant NOW = Instant.parse("2027-03-01T10:00:00Z");
    public static final MspOrganization ORG1 = new MspOrganization("Org1MSP", "org1.example.com");

    private TestOrganizations() {}

    public static OrganizationCas org1(Clock clock) {
        return new OrganizationCaFactory(clock, ValidityPolicy.DEFAULT).createRoots(ORG1);
    }

    /** A root from outside the platform, as an organization with its own PKI would import it. */
    public static ImportedCa corporateRoot(Clock clock) {
        CertificateAuthority root = CertificateAuthority.createRoot(
                SubjectTemplate.NONE.caSubject("Example Corp", "Example Corp Root"), clock, ValidityPolicy.DEFAULT);
        return new ImportedCa(root.certifiedKey(), List.of());
    }

    public static OrganizationCas org1UnderCorporateRoot(Clock clock, ImportedCa root) {
        return new OrganizationCaFactory(clock, ValidityPolicy.DEFAULT).createIntermediates(ORG1, root, root);
    }

    public static Identity peer0(OrganizationCas cas) {
        return new IdentityIssuer(cas).issue(IdentityRequest.node(IdentityRole.PEER, "peer0",
                List.of(ServiceAddress.of("peer0-org1", "consortium1-org1")), List.of("peer0.org1.example.com", "10.0.0.7")));
    }
}
