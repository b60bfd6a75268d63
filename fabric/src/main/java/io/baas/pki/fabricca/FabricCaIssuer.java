package io.baas.pki.fabricca;

import io.baas.pki.CaCertificates;
import io.baas.pki.Certificates;
import io.baas.pki.CertifiedKey;
import io.baas.pki.ChainVerifier;
import io.baas.pki.Identity;
import io.baas.pki.IdentityRequest;
import io.baas.pki.IdentityRole;
import io.baas.pki.MspOrganization;
import io.baas.pki.NodeOu;
import io.baas.pki.OrganizationIssuer;
import io.baas.pki.PkiException;
import io.baas.pki.RevocationReason;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * Issues an organization's identities through its existing Fabric CA: registers each (Fabric CA
 * type {@code peer}, {@code orderer}, {@code admin} or {@code client}, which the CA writes as the
 * first OU, the one Fabric's NodeOUs classify by) as the organization's registrar, then enrolls it
 * twice with keys made here: once for the signing certificate, once with the {@code tls} profile
 * and the node's host names for the TLS certificate. What comes back is checked: it must chain to
 * the CA certificates the organization publishes and carry the NodeOU of its role.
 */
public final class FabricCaIssuer implements OrganizationIssuer {

    private final FabricCaConnection connection;
    private final FabricCaClient client;
    private final CertifiedKey registrar;
    private final Optional<CertifiedKey> tlsRegistrar;
    private final CaCertificates certificates;
    private final Clock clock;

    /**
     * @param tlsRegistrar the registrar's enrollment at the TLS CA, when it is a CA of its own
     *                     (each CA of a Fabric CA server keeps its own registry)
     */
    public FabricCaIssuer(FabricCaConnection connection, FabricCaClient client, CertifiedKey registrar,
                          Optional<CertifiedKey> tlsRegistrar, CaCertificates certificates, Clock clock) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.client = Objects.requireNonNull(client, "client");
        this.registrar = Objects.requireNonNull(registrar, "registrar");
        this.tlsRegistrar = Objects.requireNonNull(tlsRegistrar, "tlsRegistrar");
        this.certificates = Objects.requireNonNull(certificates, "certificates");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (connection.separateTlsCa() && tlsRegistrar.isEmpty()) {
            throw new PkiException("a separate TLS CA needs the registrar's enrollment there");
        }
    }

    /**
     * Enrolls the registrar (at the TLS CA too, when there is one) and reads the CA chains: what
     * creating an organization on an existing Fabric CA does. Nothing is registered.
     */
    public static FabricCaIssuer enrollRegistrar(FabricCaConnection connection, String registrarId, String registrarSecret,
                                                 MspOrganization organization, Duration timeout, Clock clock) {
        FabricCaClient client = connection.client(timeout);
        Enrollment signing = client.enroll(registrarId, registrarSecret, EnrollmentOptions.at(connection.caName()));
        List<X509Certificate> signingChain = CaCertificates.ordered(signing.caChain());
        Optional<CertifiedKey> tlsRegistrar = Optional.empty();
        List<X509Certificate> tlsChain = signingChain;
        if (connection.separateTlsCa()) {
            Enrollment tls = client.enroll(registrarId, registrarSecret, EnrollmentOptions.at(connection.tlsCaName()));
            tlsRegistrar = Optional.of(tls.key());
            tlsChain = CaCertificates.ordered(client.caInfo(connection.tlsCaName()).caChain());
        }
        CaCertificates certificates = new CaCertificates(organization, signingChain, tlsChain);
        new ChainVerifier(clock).verify(List.of(signing.key().certificate()), List.of(certificates.signingRoot()));
        return new FabricCaIssuer(connection, client, signing.key(), tlsRegistrar, certificates, clock);
    }

    @Override
    public CaCertificates certificates() {
        return certificates;
    }

    public FabricCaConnection connection() {
        return connection;
    }

    /** The registrar's enrollment at the signing CA: platform custody, like a CA key. */
    public CertifiedKey registrar() {
        return registrar;
    }

    public Optional<CertifiedKey> tlsRegistrar() {
        return tlsRegistrar;
    }

    @Override
    public Identity issue(IdentityRequest request) {
        String type = fabricCaType(request.role());
        Registration registration = Registration.of(request.name(), type, connection.affiliation());
        String secret = client.register(registrar, registration, connection.caName());
        Enrollment signing = client.enroll(request.name(), secret, EnrollmentOptions.at(connection.caName()));
        Enrollment tls;
        List<String> hosts = hosts(request);
        if (connection.separateTlsCa()) {
            String tlsSecret = client.register(tlsRegistrar.orElseThrow(), registration, connection.tlsCaName());
            tls = client.enroll(request.name(), tlsSecret, EnrollmentOptions.tls(connection.tlsCaName(), hosts));
        } else {
            // The same registration enrolls twice: the CA's max enrollments must allow two (Fabric CA's default: no limit).
            tls = client.enroll(request.name(), secret, EnrollmentOptions.tls(connection.caName(), hosts));
        }
        requireIssued(request, signing.key().certificate(), tls.key().certificate());
        return new Identity(request.name(), request.role(), signing.key(), tls.key());
    }

    /**
     * Revokes the identity's certificates at the CA (and at the TLS CA) and disables its ID, so it
     * can never enroll again. Needs a registrar with {@code hf.Revoker}.
     */
    @Override
    public void revoked(String enrollmentId, RevocationReason reason) {
        String fabricReason = reason.name().replace("_", "").toLowerCase(Locale.ROOT);
        client.revoke(registrar, enrollmentId, fabricReason, connection.caName());
        if (connection.separateTlsCa()) {
            client.revoke(tlsRegistrar.orElseThrow(), enrollmentId, fabricReason, connection.tlsCaName());
        }
    }

    /** Fabric CA identity types are the NodeOU identifiers: users and applications are clients. */
    public static String fabricCaType(IdentityRole role) {
        return role.nodeOu().identifier();
    }

    private void requireIssued(IdentityRequest request, X509Certificate signing, X509Certificate tls) {
        ChainVerifier verifier = new ChainVerifier(clock);
        verifier.verify(chain(signing, certificates.signingChain()), List.of(certificates.signingRoot()));
        verifier.verify(chain(tls, certificates.tlsChain()), List.of(certificates.tlsRoot()),
                request.role().isNode() ? new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}
                        : new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth});
        NodeOu expected = request.role().nodeOu();
        if (!Certificates.nodeOu(signing).equals(Optional.of(expected))) {
            throw new PkiException("the Fabric CA issued '" + request.name() + "' a certificate without OU=" + expected.identifier()
                    + " (its OUs: " + Certificates.organizationalUnits(signing) + "); enable NodeOUs on the CA");
        }
    }

    private static List<X509Certificate> chain(X509Certificate leaf, List<X509Certificate> caChain) {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        chain.addAll(caChain);
        return chain;
    }

    private static List<String> hosts(IdentityRequest request) {
        List<String> hosts = new ArrayList<>(request.tlsNames().dnsNames());
        request.tlsNames().ipAddresses().stream().map(InetAddress::getHostAddress).forEach(hosts::add);
        return hosts;
    }

    @Override
    public String toString() {
        return "FabricCaIssuer[" + connection.url() + ", registrar key redacted]";
    }
}
