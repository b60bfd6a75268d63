package io.baas.pki;

import java.time.Clock;
import java.util.Objects;

/** Creates an organization's signing CA and TLS CA: self-signed roots, or intermediates under imported roots. */
public final class OrganizationCaFactory {

    private final Clock clock;
    private final ValidityPolicy validityPolicy;

    public OrganizationCaFactory(Clock clock, ValidityPolicy validityPolicy) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.validityPolicy = Objects.requireNonNull(validityPolicy, "validityPolicy");
    }

    /** The default: two self-signed roots, {@code ca.<domain>} and {@code tlsca.<domain>}. */
    public OrganizationCas createRoots(MspOrganization organization) {
        SubjectTemplate subject = organization.subjectTemplate();
        return new OrganizationCas(organization,
                CertificateAuthority.createRoot(subject.caSubject(organization.domain(), organization.signingCaName()),
                        clock, validityPolicy),
                CertificateAuthority.createRoot(subject.caSubject(organization.domain(), organization.tlsCaName()),
                        clock, validityPolicy));
    }

    /**
     * Intermediates under roots the organization already runs (its corporate PKI, say); both may be
     * the same root. Each imported PEM holds the CA certificate first, then any certificates above it.
     */
    public OrganizationCas createIntermediates(MspOrganization organization, ImportedCa signingRoot, ImportedCa tlsRoot) {
        SubjectTemplate subject = organization.subjectTemplate();
        return new OrganizationCas(organization,
                load(signingRoot).createIntermediate(subject.caSubject(organization.domain(), organization.signingCaName())),
                load(tlsRoot).createIntermediate(subject.caSubject(organization.domain(), organization.tlsCaName())));
    }

    private CertificateAuthority load(ImportedCa imported) {
        return CertificateAuthority.load(imported.key(), imported.issuers(), clock, validityPolicy);
    }
}
