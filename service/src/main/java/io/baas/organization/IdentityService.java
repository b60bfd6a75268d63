package io.baas.organization;

import io.baas.crd.Organization;
import io.baas.error.DomainException;
import io.baas.error.ErrorKind;
import io.baas.iam.Caller;
import io.baas.k8s.Creates;
import io.baas.keyuse.KeyAction;
import io.baas.keyuse.KeyUse;
import io.baas.keyuse.KeyUseLog;
import io.baas.pki.CaCertificates;
import io.baas.pki.Identity;
import io.baas.pki.IdentityRequest;
import io.baas.pki.IdentityRole;
import io.baas.pki.OrganizationIssuer;
import io.baas.pki.Pem;
import io.baas.pki.PkiException;
import io.baas.pki.RevocationReason;
import io.baas.pki.SubjectKeyIds;
import io.baas.pki.fabricca.FabricCaException;
import io.baas.pki.k8s.IdentitySecret;
import io.baas.pki.k8s.LegacySecrets;
import io.baas.pki.msp.MspLayout;
import io.baas.store.Db;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The identities the platform holds for an organization: issued from its CAs into Secrets of the
 * service's namespace, listed without keys, revoked for good (recorded in PostgreSQL), and exported
 * whole only through the export route.
 */
@ApplicationScoped
public class IdentityService {

    private final KubernetesClient client;
    private final OrganizationCustody custody;
    private final KeyUseLog keyUses;

    IdentityService(KubernetesClient client, OrganizationCustody custody, KeyUseLog keyUses) {
        this.client = client;
        this.custody = custody;
        this.keyUses = keyUses;
    }

    public List<IdentityView> list(Organization organization) {
        Set<String> revoked = revokedKeys(organization.getMetadata().getName());
        return secrets(organization.getMetadata().getName()).stream()
                .map(IdentitySecret::read)
                .map(identity -> view(organization, identity, revoked.contains(keyId(identity))))
                .toList();
    }

    public IdentityView issue(Organization organization, NewIdentity request) {
        String org = organization.getMetadata().getName();
        if (find(org, request.name()).isPresent()) {
            throw DomainException.conflict("Organization " + org + " already has an identity named " + request.name() + ".");
        }
        IdentityRole role = IdentityRole.valueOf(request.role().toUpperCase(Locale.ROOT));
        Identity identity = issue(organization, IdentityRequest.user(role, request.name()));
        Creates.orConflict(() -> client.secrets().resource(IdentitySecret.build(custody.namespace(), org, identity)).create(),
                "Organization " + org + " already has an identity named " + request.name() + ".");
        return view(organization, identity, false);
    }

    /** Issues through the organization's issuer; an external CA's failures become clear answers. */
    private Identity issue(Organization organization, IdentityRequest request) {
        OrganizationIssuer issuer = custody.issuer(organization);
        try {
            return issuer.issue(request);
        } catch (FabricCaException e) {
            if (e.codes().contains(FabricCaException.DUPLICATE_IDENTITY)) {
                throw DomainException.conflict("The Fabric CA of " + organization.getMetadata().getName() + " already has an identity named "
                        + request.name() + "; names are single-use there.");
            }
            throw ExternalCaErrors.later(externalUrl(organization), e);
        } catch (PkiException e) {
            if (organization.getSpec().caMode != Organization.CaMode.EXTERNAL) {
                throw e;
            }
            throw ExternalCaErrors.later(externalUrl(organization), e);
        }
    }

    private static String externalUrl(Organization organization) {
        return organization.getSpec().externalCa == null ? "(unknown)" : organization.getSpec().externalCa.url;
    }

    /**
     * Revokes both certificates of the identity; revoking again answers with the first revocation.
     * The platform's record comes first, so the identity is refused from then on whatever an
     * external CA says; that CA is then told (again on every repeat, which it accepts).
     */
    public IdentityView revoke(Organization organization, Revocation request, Caller caller) {
        String org = organization.getMetadata().getName();
        Identity identity = find(org, request.identity()).map(IdentitySecret::read)
                .orElseThrow(() -> DomainException.notFound("Organization " + org + " has no identity named " + request.identity() + "."));
        // On record before anything changes: a revocation that cannot be audited does not happen (503).
        keyUses.record(new KeyUse(org, identity.name(), KeyAction.REVOKE_IDENTITY, caller.username(),
                route(organization, "revocations"), "reason " + request.reason()));
        if (!revokedKeys(org).contains(keyId(identity))) {
            OffsetDateTime now = OffsetDateTime.now(custody.clock()).withOffsetSameInstant(ZoneOffset.UTC);
            Db.inTransaction(() -> record(org, identity.name(), "signing", identity.signing().certificate(), request, caller, now).persist()
                    .chain(() -> record(org, identity.name(), "tls", identity.tls().certificate(), request, caller, now).persist()));
        }
        if (organization.getSpec().caMode == Organization.CaMode.EXTERNAL) {
            try {
                custody.issuer(organization).revoked(identity.name(), RevocationReason.valueOf(request.reason()));
            } catch (PkiException e) {
                DomainException cause = ExternalCaErrors.later(externalUrl(organization), e);
                throw new DomainException(ErrorKind.DEPENDENCY_FAILED, cause.reason(), "Identity " + identity.name() + " of " + org
                        + " is revoked on the platform, which refuses its further use, but its Fabric CA did not confirm: "
                        + cause.getMessage() + " Repeat the request to tell the CA again.");
            }
        }
        return view(organization, identity, true);
    }

    /**
     * The whole identity, keys included: only the export route calls this. The export is on record
     * (key_use) before the keys leave; when that record cannot be written, nothing leaves (503).
     */
    public Wallet export(Organization organization, String name, Caller caller) {
        String org = organization.getMetadata().getName();
        Identity identity = find(org, name).map(IdentitySecret::read)
                .orElseThrow(() -> DomainException.notFound("Organization " + org + " has no identity named " + name + "."));
        if (revokedKeys(org).contains(keyId(identity))) {
            throw new DomainException(ErrorKind.CONFLICT, "Revoked", "Identity " + name + " of " + org + " is revoked and can no longer be exported.");
        }
        keyUses.record(new KeyUse(org, name, KeyAction.EXPORT_IDENTITY, caller.username(),
                route(organization, "identityexports/" + name), "identity export through the API"));
        CaCertificates cas = custody.certificates(organization);
        String mspId = organization.getSpec().mspId;
        return new Wallet(org, mspId, name, identity.role().name().toLowerCase(Locale.ROOT),
                identity.signing().certificatePem(), identity.signing().privateKeyPem(),
                identity.tls().certificatePem(), identity.tls().privateKeyPem(),
                Pem.encode(cas.signingChain()), Pem.encode(cas.tlsChain()),
                connectionProfile(organization, cas));
    }

    /**
     * The client identity a KubeSphere user acts with in the organization's name, held in custody
     * like the others: issued from the organization's CA on the user's first call (a parallel
     * first call finds the one the other made), one per user so that what the user records names
     * them. A revoked one stays revoked: the organization's admin decides what follows (409).
     * The caller records the key's use before signing with it.
     */
    public UserIdentity userIdentity(Organization organization, String username) {
        String org = organization.getMetadata().getName();
        String name = UserIdentity.nameFor(username);
        Identity identity = find(org, name).map(IdentitySecret::read).orElseGet(() -> {
            Identity issued = issue(organization, IdentityRequest.user(IdentityRole.CLIENT, name));
            try {
                client.secrets().resource(IdentitySecret.build(custody.namespace(), org, issued)).create();
                return issued;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                return find(org, name).map(IdentitySecret::read).orElseThrow(() -> e);
            }
        });
        if (revokedKeys(org).contains(keyId(identity))) {
            throw new DomainException(ErrorKind.CONFLICT, "Revoked", "The identity " + org + " holds for user " + username
                    + " is revoked; an admin of the organization decides what follows.");
        }
        return new UserIdentity(org, name, new io.baas.fabric.identity.EcdsaSigner(
                io.baas.fabric.identity.FabricIdentity.of(organization.getSpec().mspId, identity.signing().certificate()),
                identity.signing().privateKey()));
    }

    /**
     * A peer's or orderer's material in Fabric's folder layout (msp/ with its key, tls/), as a zip, for
     * running or inspecting the node outside the cluster. Only node identities; revoked ones refused;
     * on record before the key leaves, as {@link #export}.
     */
    public byte[] nodeZip(Organization organization, String name, Caller caller) {
        String org = organization.getMetadata().getName();
        Identity identity = find(org, name).map(IdentitySecret::read)
                .filter(i -> i.role().isNode())
                .orElseThrow(() -> DomainException.notFound("Organization " + org + " has no node identity named " + name + "."));
        if (revokedKeys(org).contains(keyId(identity))) {
            throw new DomainException(ErrorKind.CONFLICT, "Revoked", "Node identity " + name + " of " + org + " is revoked and can no longer be exported.");
        }
        keyUses.record(new KeyUse(org, name, KeyAction.EXPORT_NODE, caller.username(),
                route(organization, "nodeexports/" + name), "node material export through the API"));
        return MspLayout.identityMaterial(custody.certificates(organization), identity).toZip();
    }

    /** The organization's MSP folder (CA and TLS CA certificates, config.yaml with NodeOUs) as a zip. */
    public byte[] mspZip(Organization organization) {
        return MspLayout.organizationMsp(custody.certificates(organization)).prefixed("msp").toZip();
    }

    /** The API route a key use came through, as its record names it. */
    private static String route(Organization organization, String rest) {
        return "workspaces/" + organization.getSpec().workspace + "/organizations/" + organization.getMetadata().getName() + "/" + rest;
    }

    void deleteAll(String organization) {
        client.secrets().inNamespace(custody.namespace()).withLabels(IdentitySecret.selector(organization)).delete();
    }

    private List<Secret> secrets(String organization) {
        return client.secrets().inNamespace(custody.namespace()).withLabels(IdentitySecret.selector(organization)).list().getItems();
    }

    /** The organization's identity Secret of that name; one whose labels say otherwise is not ours and not found. */
    private Optional<Secret> find(String organization, String name) {
        Secret found = client.secrets().inNamespace(custody.namespace()).withName(IdentitySecret.name(organization, name)).get();
        if (found == null) {
            return LegacySecrets.adopt(client, custody.namespace(), LegacySecrets.identityName(organization, name),
                    IdentitySecret.name(organization, name), secret -> IdentitySecret.belongsTo(secret, organization, name));
        }
        return Optional.of(found).filter(secret -> IdentitySecret.belongsTo(secret, organization, name));
    }

    /** Key ids of the organization's revoked certificates: renewal keeps keys, so this survives renewals. */
    Set<String> revokedKeys(String organization) {
        List<RevocationEntity> records = Db.read(() -> RevocationEntity.<RevocationEntity>list("organization", organization));
        return records.stream().map(r -> r.subjectKeyId).collect(Collectors.toSet());
    }

    private static String keyId(Identity identity) {
        return SubjectKeyIds.hex(identity.signing().certificate().getPublicKey());
    }

    private static RevocationEntity record(String org, String identity, String purpose, X509Certificate certificate,
                                           Revocation request, Caller caller, OffsetDateTime at) {
        RevocationEntity entity = new RevocationEntity();
        entity.organization = org;
        entity.identity = identity;
        entity.purpose = purpose;
        entity.issuerKeyId = SubjectKeyIds.authorityKeyId(certificate).map(HexFormat.of()::formatHex).orElse("");
        entity.serial = certificate.getSerialNumber().toString(16);
        entity.subjectKeyId = SubjectKeyIds.hex(certificate.getPublicKey());
        entity.reason = request.reason();
        entity.revokedAt = at;
        entity.revokedBy = caller.username();
        return entity;
    }

    private static IdentityView view(Organization organization, Identity identity, boolean revoked) {
        X509Certificate certificate = identity.signing().certificate();
        return new IdentityView(identity.name(), identity.role().name().toLowerCase(Locale.ROOT), organization.getSpec().mspId,
                identity.signing().certificatePem(), certificate.getSerialNumber().toString(16),
                certificate.getNotAfter().toInstant().toString(), revoked);
    }

    /** A Fabric common connection profile naming the organization; peers are added once nodes run. */
    private static Map<String, Object> connectionProfile(Organization organization, CaCertificates cas) {
        String org = organization.getMetadata().getName();
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("name", org);
        profile.put("version", "1.0.0");
        profile.put("client", Map.of("organization", org));
        Organization.ExternalCa external = organization.getSpec().caMode == Organization.CaMode.EXTERNAL
                ? organization.getSpec().externalCa : null;
        String caKey = org + "-ca";
        profile.put("organizations", Map.of(org, Map.of(
                "mspid", organization.getSpec().mspId,
                "peers", List.of(),
                "certificateAuthorities", external == null ? List.of() : List.of(caKey))));
        profile.put("peers", Map.of());
        if (external != null) {
            // The organization's own Fabric CA, for applications that enroll or reenroll by themselves.
            Map<String, Object> ca = new LinkedHashMap<>();
            ca.put("url", external.url);
            if (external.caName != null) {
                ca.put("caName", external.caName);
            }
            ca.put("tlsCACerts", Map.of("pem", List.of(Pem.encode(cas.signingRoot()))));
            profile.put("certificateAuthorities", Map.of(caKey, ca));
        }
        profile.put("tlsCACerts", Map.of("pem", Pem.encode(cas.tlsChain())));
        return profile;
    }
}
