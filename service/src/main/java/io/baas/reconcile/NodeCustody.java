package io.baas.reconcile;

import io.baas.crd.BaasResource;
import io.baas.crd.ConditionReason;
import io.baas.crd.Consortium;
import io.baas.crd.Organization;
import io.baas.k8s.build.ConsortiumNamespaces;
import io.baas.k8s.build.NodeParts;
import io.baas.k8s.build.PlatformSettings;
import io.baas.pki.Identity;
import io.baas.pki.IdentityRequest;
import io.baas.pki.IdentityRole;
import io.baas.pki.MspOrganization;
import io.baas.pki.OrganizationIssuer;
import io.baas.pki.PkiException;
import io.baas.pki.ServiceAddress;
import io.baas.pki.k8s.IdentitySecret;
import io.baas.pki.k8s.NodeMaterial;
import io.baas.pki.k8s.NodeMaterialBuilder;
import io.baas.pki.k8s.OrganizationCaSecret;
import io.baas.pki.k8s.OrganizationIssuers;
import io.baas.pki.msp.MspLayout;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every node reconciler needs from certificate custody: the organization its namespace was made
 * for, that organization's CAs, and the node's identity, issued once and held in the service's
 * namespace so every pass rebuilds the same node Secret and a renewal reaches it.
 */
final class NodeCustody {

    private final KubernetesClient client;
    private final PlatformSettings platform;
    private final Clock clock;
    private final Duration fabricCaTimeout;

    /** @param fabricCaTimeout how long a call to an organization's external Fabric CA may take */
    NodeCustody(KubernetesClient client, PlatformSettings platform, Clock clock, Duration fabricCaTimeout) {
        this.client = client;
        this.platform = platform;
        this.clock = clock;
        this.fabricCaTimeout = fabricCaTimeout;
    }

    /** What a node reconciler needs before it builds anything: who owns the node, its identity, its material. */
    record HeldNode(Organization organization, Identity identity, NodeMaterial material) {

        /** The node as a runtime that runs it itself sees it. */
        io.baas.runtime.NodeIdentity nodeIdentity() {
            Organization.Status status = organization.getStatus() == null ? new Organization.Status() : organization.getStatus();
            return new io.baas.runtime.NodeIdentity(organization.getSpec().mspId, identity,
                    java.util.Objects.requireNonNullElse(status.caCertificate, ""),
                    java.util.Objects.requireNonNullElse(status.tlsCaCertificate, ""));
        }
    }

    /** The node's own extra names and those its runtime needs. */
    static List<String> hosts(List<String> extraHosts, List<String> runtimeHosts) {
        List<String> hosts = new ArrayList<>(extraHosts == null ? List.of() : extraHosts);
        runtimeHosts.stream().filter(h -> !hosts.contains(h)).forEach(hosts::add);
        return hosts;
    }

    /**
     * The organization check, the held identity, and the node's Secret and ConfigMap (owned by the
     * node) in one step, the same for every kind of node.
     */
    HeldNode prepare(HasMetadata node, String organization, IdentityRole role, List<String> extraHosts) {
        Organization owner = requireOwnNamespace(node, organization);
        OrganizationIssuer issuer = issuer(owner);
        Identity identity = heldIdentity(node, organization, role, issuer, extraHosts);
        NodeMaterial material = NodeMaterialBuilder.build(node.getMetadata().getNamespace(), organization,
                node.getMetadata().getName(), MspLayout.identityMaterial(issuer.certificates(), identity));
        ownedBy(node, material.secret());
        ownedBy(node, material.configMap());
        requireOursOrAbsent(node, organization, material.secret());
        requireOursOrAbsent(node, organization, material.configMap());
        return new HeldNode(owner, identity, material);
    }

    /**
     * The node's Secret and ConfigMap names may already be taken in its namespace (by another node
     * of another kind, or by anyone able to write there): such an object is never overwritten, and
     * the node stays Degraded until the name is free.
     */
    private void requireOursOrAbsent(HasMetadata node, String organization, HasMetadata desired) {
        HasMetadata existing = client.resource(desired).get();
        if (existing != null && !(NodeMaterialBuilder.labelledFor(existing, organization, node.getMetadata().getName())
                && NodeParts.controlledBy(existing, node))) {
            throw new ReconcileException(ConditionReason.NAME_TAKEN, desired.getKind() + " " + desired.getMetadata().getNamespace() + "/"
                    + desired.getMetadata().getName() + " exists and is not this node's; it is left alone.");
        }
    }

    /**
     * A node may only claim the organization its namespace was made for: otherwise anyone able to
     * create one could have another organization's CA issue them an identity. Which organization
     * that is comes from the consortium that made the namespace (its status, cluster-scoped and
     * written only by the service), never from the namespace's labels, which the project's admin may
     * change: labels that disagree with the record stop the node too.
     */
    Organization requireOwnNamespace(HasMetadata node, String organization) {
        String name = node.getMetadata().getNamespace();
        Namespace namespace = client.namespaces().withName(name).get();
        String owner = namespace == null ? null : recordedOrganization(namespace);
        if (owner == null) {
            throw new ReconcileException(ConditionReason.ORGANIZATION_MISMATCH, "Namespace " + name
                    + " was not made by a consortium for an organization; nodes belong in their organization's consortium namespace.");
        }
        if (!owner.equals(organization)) {
            throw new ReconcileException(ConditionReason.ORGANIZATION_MISMATCH, "Namespace " + name + " belongs to organization " + owner
                    + ", not " + organization + ".");
        }
        Map<String, String> labels = namespace.getMetadata().getLabels() == null ? Map.of() : namespace.getMetadata().getLabels();
        String labelled = labels.get(BaasResource.ORGANIZATION_LABEL);
        if (labelled != null && !labelled.equals(owner)) {
            throw new ReconcileException(ConditionReason.ORGANIZATION_MISMATCH, "Namespace " + name + " is labelled as organization " + labelled
                    + " but belongs to organization " + owner + "; no identity is issued until the label is restored.");
        }
        Organization found = client.resources(Organization.class).withName(owner).get();
        if (found == null) {
            throw new ReconcileException(ConditionReason.ORGANIZATION_MISSING, "Organization " + owner + " does not exist.");
        }
        return found;
    }

    /**
     * The organization a consortium recorded this namespace for, when exactly one did and the
     * namespace still carries that consortium's uid (a namespace deleted and made again by someone
     * else under the same name does not); null otherwise.
     */
    String recordedOrganization(Namespace namespace) {
        String name = namespace.getMetadata().getName();
        List<String> owners = new ArrayList<>();
        for (Consortium consortium : client.resources(Consortium.class).list().getItems()) {
            if (consortium.getStatus() == null || consortium.getStatus().namespaces == null
                    || !ConsortiumNamespaces.madeBy(namespace, consortium)) {
                continue;
            }
            consortium.getStatus().namespaces.forEach((organization, recorded) -> {
                if (name.equals(recorded)) {
                    owners.add(organization);
                }
            });
        }
        return owners.size() == 1 ? owners.get(0) : null;
    }

    /** The organization's built-in CAs or its external Fabric CA, whichever its CA Secret holds. */
    OrganizationIssuer issuer(Organization organization) {
        String name = organization.getMetadata().getName();
        Secret secret = client.secrets().inNamespace(platform.serviceNamespace()).withName(OrganizationCaSecret.name(name)).get();
        if (secret == null) {
            secret = io.baas.pki.k8s.LegacySecrets.adopt(client, platform.serviceNamespace(), io.baas.pki.k8s.LegacySecrets.caName(name),
                    OrganizationCaSecret.name(name), s -> OrganizationCaSecret.belongsTo(s, name)).orElse(null);
        }
        if (secret == null || !OrganizationCaSecret.belongsTo(secret, name)) {
            throw new ReconcileException(ConditionReason.CA_MISSING, "The CAs of organization " + organization.getMetadata().getName() + " are missing.");
        }
        return OrganizationIssuers.read(secret, new MspOrganization(organization.getSpec().mspId, organization.getSpec().domain), clock, fabricCaTimeout);
    }

    /** Issued on the first pass, read back on every later one: a pass never mints a second key. */
    Identity heldIdentity(HasMetadata node, String organization, IdentityRole role, OrganizationIssuer issuer, List<String> extraHosts) {
        String custodyName = custodyName(node);
        Secret held = heldSecret(organization, custodyName);
        if (held != null) {
            return IdentitySecret.read(held);
        }
        Identity identity;
        try {
            identity = issuer.issue(IdentityRequest.node(role, custodyName,
                    List.of(new ServiceAddress(node.getMetadata().getName(), node.getMetadata().getNamespace(), platform.clusterDomain())),
                    extraHosts == null ? List.of() : extraHosts));
        } catch (PkiException e) {
            // An external Fabric CA that is down or refuses, or a CA past its validity: the pass retries later.
            throw new ReconcileException(ConditionReason.IDENTITY_NOT_ISSUED, "Organization " + organization
                    + " could not issue the node's identity: " + e.getMessage());
        }
        client.secrets().resource(IdentitySecret.build(platform.serviceNamespace(), organization, identity)).create();
        return identity;
    }

    /** The name of the admin identity the platform holds for each organization, to administer its nodes. */
    static final String PLATFORM_ADMIN = "ks-baas-admin";

    /**
     * The organization's admin that the platform itself acts as (joining its orderers to channels,
     * later its peers): issued once, held like every identity, listed with the organization's others.
     */
    Identity platformAdmin(Organization organization) {
        String name = organization.getMetadata().getName();
        Secret held = heldSecret(name, PLATFORM_ADMIN);
        if (held != null) {
            return IdentitySecret.read(held);
        }
        Identity identity = issuer(organization).issue(IdentityRequest.user(IdentityRole.ADMIN, PLATFORM_ADMIN));
        client.secrets().resource(IdentitySecret.build(platform.serviceNamespace(), name, identity)).create();
        return identity;
    }

    /** The node's held identity, if it has been issued. */
    java.util.Optional<Identity> held(HasMetadata node, String organization) {
        return java.util.Optional.ofNullable(heldSecret(organization, custodyName(node))).map(IdentitySecret::read);
    }

    /** Deletes the node's held identity: the node is gone, and its key must not outlive it. */
    void release(HasMetadata node, String organization) {
        Secret held = heldSecret(organization, custodyName(node));
        if (held != null) {
            client.secrets().inNamespace(platform.serviceNamespace()).withName(held.getMetadata().getName())
                    .lockResourceVersion(held.getMetadata().getResourceVersion()).delete();
        }
    }

    /**
     * The organization's held identity of that name, or null; a Secret under its name whose labels
     * say it is another organization's or another identity's is not ours: never read, never deleted.
     */
    private Secret heldSecret(String organization, String identity) {
        Secret found = client.secrets().inNamespace(platform.serviceNamespace()).withName(IdentitySecret.name(organization, identity)).get();
        if (found == null) {
            return io.baas.pki.k8s.LegacySecrets.adopt(client, platform.serviceNamespace(), io.baas.pki.k8s.LegacySecrets.identityName(
                    organization, identity), IdentitySecret.name(organization, identity),
                    s -> IdentitySecret.belongsTo(s, organization, identity)).orElse(null);
        }
        return IdentitySecret.belongsTo(found, organization, identity) ? found : null;
    }

    /** node name + namespace, as a label value: unique per organization. */
    static String custodyName(HasMetadata node) {
        String name = node.getMetadata().getName() + "-" + node.getMetadata().getNamespace();
        return name.length() <= 63 ? name : name.substring(0, 63).replaceAll("-+$", "");
    }

    static void ownedBy(HasMetadata owner, HasMetadata object) {
        object.getMetadata().setOwnerReferences(new ArrayList<>(List.of(NodeParts.owner(owner))));
    }

    static Instant earliestExpiry(Identity identity) {
        Instant signing = identity.signing().certificate().getNotAfter().toInstant();
        Instant tls = identity.tls().certificate().getNotAfter().toInstant();
        return signing.isBefore(tls) ? signing : tls;
    }
}
