package io.baas.pki;

import java.security.KeyPair;
import java.util.Objects;
import java.util.Optional;

/**
 * Issues identities from an organization's built-in CAs (the platform holds their keys): the
 * signing certificate with its NodeOU, and the TLS certificate.
 */
public final class IdentityIssuer implements OrganizationIssuer {

    private final OrganizationCas cas;

    public IdentityIssuer(OrganizationCas cas) {
        this.cas = Objects.requireNonNull(cas, "cas");
    }

    @Override
    public CaCertificates certificates() {
        return cas.certificates();
    }

    @Override
    public CertifiedKey issueServerTls(String name, java.util.List<ServiceAddress> services,
                                       java.util.Collection<String> extraHostsAndAddresses) {
        KeyPair key = EcKeys.generate();
        AlternativeNames names = AlternativeNames.parse(extraHostsAndAddresses);
        for (ServiceAddress service : services) {
            names = names.plus(AlternativeNames.parse(service.dnsNames()));
        }
        CertificateRequest tls = new CertificateRequest(cas.organization().subjectTemplate().identitySubject(Optional.empty(), name),
                key.getPublic(), CertificateProfile.TLS_SERVER_AND_CLIENT, names);
        return new CertifiedKey(cas.tlsCa().issue(tls), key.getPrivate());
    }

    @Override
    public Identity issue(IdentityRequest request) {
        SubjectTemplate template = cas.organization().subjectTemplate();
        KeyPair signingKey = EcKeys.generate();
        KeyPair tlsKey = EcKeys.generate();
        CertificateRequest signing = new CertificateRequest(
                template.identitySubject(Optional.of(request.role().nodeOu()), request.name()),
                signingKey.getPublic(), CertificateProfile.SIGNING, AlternativeNames.NONE);
        // TLS subjects carry no OU, as cryptogen's: TLS peers never classify each other by NodeOU.
        CertificateRequest tls = new CertificateRequest(template.identitySubject(Optional.empty(), request.name()),
                tlsKey.getPublic(), request.role().tlsProfile(), request.tlsNames());
        return new Identity(request.name(), request.role(),
                new CertifiedKey(cas.signingCa().issue(signing), signingKey.getPrivate()),
                new CertifiedKey(cas.tlsCa().issue(tls), tlsKey.getPrivate()));
    }
}
