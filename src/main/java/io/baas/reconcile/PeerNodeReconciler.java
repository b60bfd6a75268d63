package io.baas.reconcile;

import io.baas.crd.BaasResource;
import io.baas.crd.NodeStatus;
import io.baas.crd.Organization;
import io.baas.crd.PeerNode;
import io.baas.crd.StateDatabase;
import io.baas.k8s.Applier;
import io.baas.k8s.build.NodeParts;
import io.baas.k8s.build.PeerNodeBuilder;
import io.baas.k8s.build.PlatformSettings;
import io.baas.pki.Identity;
import io.baas.pki.IdentityIssuer;
import io.baas.pki.IdentityRequest;
import io.baas.pki.IdentityRole;
import io.baas.pki.MspOrganization;
import io.baas.pki.OrganizationCas;
import io.baas.pki.ServiceAddress;
import io.baas.pki.ValidityPolicy;
import io.baas.pki.k8s.IdentitySecret;
import io.baas.pki.k8s.NodeMaterial;
import io.baas.pki.k8s.NodeMaterialBuilder;
import io.baas.pki.k8s.OrganizationCaSecret;
import io.baas.pki.msp.MspLayout;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a PeerNode, in named steps: check that its namespace belongs to its organization; hold its
 * identity (issued once from the organization's CAs and kept in custody, so renewals reach the
 * node); apply its Secret and ConfigMap, CouchDB credentials, Service and StatefulSet; write the
 * status once. Owned objects carry owner references to the PeerNode for Kubernetes to collect.
 */
public class PeerNodeReconciler {

    private final KubernetesClient client;
    private final Applier applier;
    private final PlatformSettings platform;
    private final Clock clock;

    public PeerNodeReconciler(KubernetesClient client, Applier applier, PlatformSettings platform, Clock clock) {
        this.client = client;
        this.applier = applier;
        this.platform = platform;
        this.clock = clock;
    }

    public ReconcileResult reconcile(String namespace, String name) {
        PeerNode peer = client.resources(PeerNode.class).inNamespace(namespace).withName(name).get();
        Map<Applier.Outcome, Integer> outcomes = new java.util.EnumMap<>(Applier.Outcome.class);
        if (peer == null || peer.getMetadata().getDeletionTimestamp() != null) {
            return new ReconcileResult(outcomes, true);
        }
        try {
            Organization organization = requireOwnNamespace(peer);
            OrganizationCas cas = cas(organization);
            Identity identity = heldIdentity(peer, cas);
            NodeMaterial material = NodeMaterialBuilder.build(namespace, peer.getSpec().organization, name,
                    MspLayout.identityMaterial(cas, identity));
            ownedBy(peer, material.secret());
            ownedBy(peer, material.configMap());
            count(outcomes, applier.apply(material.secret()));
            count(outcomes, applier.apply(material.configMap()));
            if (peer.getSpec().stateDatabase == StateDatabase.COUCHDB) {
                ensureCouchdbCredentials(peer);
            }
            PeerNodeBuilder.Objects objects = PeerNodeBuilder.build(peer,
                    new PeerNodeBuilder.Inputs(organization.getSpec().mspId, material, otherPeers(peer), false), platform);
            count(outcomes, applier.apply(objects.service()));
            count(outcomes, applier.apply(objects.statefulSet()));
            writeStatus(peer, identity, null);
        } catch (RuntimeException e) {
            writeStatus(peer, null, e);
            throw e;
        }
        return new ReconcileResult(outcomes, false);
    }

    /**
     * A PeerNode may only claim the organization its namespace was made for: otherwise anyone able to
     * create one could have another organization's CA issue them an identity.
     */
    private Organization requireOwnNamespace(PeerNode peer) {
        Namespace namespace = client.namespaces().withName(peer.getMetadata().getNamespace()).get();
        String owner = namespace == null || namespace.getMetadata().getLabels() == null ? null
                : namespace.getMetadata().getLabels().get(BaasResource.ORGANIZATION_LABEL);
        if (!peer.getSpec().organization.equals(owner)) {
            throw new ReconcileException("OrganizationMismatch", "Namespace " + peer.getMetadata().getNamespace()
                    + " does not belong to organization " + peer.getSpec().organization + ".");
        }
        Organization organization = client.resources(Organization.class).withName(owner).get();
        if (organization == null) {
            throw new ReconcileException("OrganizationMissing", "Organization " + owner + " does not exist.");
        }
        return organization;
    }

    private OrganizationCas cas(Organization organization) {
        Secret secret = client.secrets().inNamespace(platform.serviceNamespace())
                .withName(OrganizationCaSecret.name(organization.getMetadata().getName())).get();
        if (secret == null) {
            throw new ReconcileException("CaMissing", "The CAs of organization " + organization.getMetadata().getName() + " are missing.");
        }
        return OrganizationCaSecret.read(secret, new MspOrganization(organization.getSpec().mspId, organization.getSpec().domain),
                clock, ValidityPolicy.DEFAULT);
    }

    /** Issued on the first pass, read back on every later one: a pass never mints a second key. */
    private Identity heldIdentity(PeerNode peer, OrganizationCas cas) {
        String custodyName = custodyName(peer);
        Secret held = client.secrets().inNamespace(platform.serviceNamespace())
                .withName(IdentitySecret.name(peer.getSpec().organization, custodyName)).get();
        if (held != null) {
            return IdentitySecret.read(held);
        }
        Identity identity = new IdentityIssuer(cas).issue(IdentityRequest.node(IdentityRole.PEER, custodyName,
                List.of(new ServiceAddress(peer.getMetadata().getName(), peer.getMetadata().getNamespace(), platform.clusterDomain())),
                peer.getSpec().extraHosts == null ? List.of() : peer.getSpec().extraHosts));
        client.secrets().resource(IdentitySecret.build(platform.serviceNamespace(), peer.getSpec().organization, identity)).create();
        return identity;
    }

    /** peer name + namespace, as a label value: unique per organization. */
    static String custodyName(PeerNode peer) {
        String name = peer.getMetadata().getName() + "-" + peer.getMetadata().getNamespace();
        return name.length() <= 63 ? name : name.substring(0, 63).replaceAll("-+$", "");
    }

    private void ensureCouchdbCredentials(PeerNode peer) {
        String name = PeerNodeBuilder.couchdbSecret(peer.getMetadata().getName());
        if (client.secrets().inNamespace(peer.getMetadata().getNamespace()).withName(name).get() != null) {
            return; // random once: re-applying would change the password under a running CouchDB
        }
        byte[] password = new byte[24];
        new SecureRandom().nextBytes(password);
        Secret secret = new SecretBuilder().withNewMetadata().withName(name).withNamespace(peer.getMetadata().getNamespace())
                .endMetadata()
                .addToStringData("username", "peer")
                .addToStringData("password", Base64.getUrlEncoder().withoutPadding().encodeToString(password))
                .build();
        ownedBy(peer, secret);
        client.secrets().resource(secret).create();
    }

    private List<String> otherPeers(PeerNode peer) {
        return client.resources(PeerNode.class).inNamespace(peer.getMetadata().getNamespace()).list().getItems().stream()
                .filter(p -> p.getSpec() != null && peer.getSpec().organization.equals(p.getSpec().organization))
                .map(p -> p.getMetadata().getName())
                .filter(other -> !other.equals(peer.getMetadata().getName()))
                .sorted()
                .toList();
    }

    private void writeStatus(PeerNode peer, Identity identity, RuntimeException failure) {
        NodeStatus status = peer.getStatus() == null ? new NodeStatus() : peer.getStatus();
        long generation = peer.getMetadata().getGeneration() == null ? 0 : peer.getMetadata().getGeneration();
        if (failure == null) {
            Map<String, String> endpoints = new LinkedHashMap<>();
            endpoints.put("peer", PeerNodeBuilder.endpoint(peer.getMetadata().getName(), peer.getMetadata().getNamespace(), platform));
            String host = endpoints.get("peer").substring(0, endpoints.get("peer").lastIndexOf(':'));
            endpoints.put("chaincode", host + ":" + PeerNodeBuilder.CHAINCODE_PORT);
            endpoints.put("operations", host + ":" + PeerNodeBuilder.OPERATIONS_PORT);
            status.endpoints = endpoints;
            status.certificateNotAfter = earliest(identity).toString();
            StatefulSet set = client.apps().statefulSets().inNamespace(peer.getMetadata().getNamespace())
                    .withName(peer.getMetadata().getName()).get();
            boolean running = set != null && set.getStatus() != null && Integer.valueOf(1).equals(set.getStatus().getReadyReplicas());
            status.phase = running ? "Running" : "Deploying";
            status.conditions = running
                    ? Conditions.ready(status.conditions, generation, "PeerRunning", "The peer answers its health check.", clock)
                    : Conditions.progressing(status.conditions, generation, "PodStarting", "Waiting for the peer's pod to become ready.", clock);
        } else {
            String reason = failure instanceof ReconcileException r ? r.reason() : "ApplyFailed";
            status.phase = "Degraded";
            status.conditions = Conditions.degraded(status.conditions, generation, reason, failure.getMessage(), clock);
        }
        status.observedGeneration = generation;
        PeerNode latest = client.resources(PeerNode.class).inNamespace(peer.getMetadata().getNamespace())
                .withName(peer.getMetadata().getName()).get();
        if (latest == null) {
            return;
        }
        latest.setStatus(status);
        client.resources(PeerNode.class).resource(latest).updateStatus();
    }

    private static java.time.Instant earliest(Identity identity) {
        java.time.Instant signing = identity.signing().certificate().getNotAfter().toInstant();
        java.time.Instant tls = identity.tls().certificate().getNotAfter().toInstant();
        return signing.isBefore(tls) ? signing : tls;
    }

    private static void ownedBy(PeerNode peer, io.fabric8.kubernetes.api.model.HasMetadata object) {
        object.getMetadata().setOwnerReferences(new ArrayList<>(List.of(NodeParts.owner(peer))));
    }

    private static void count(Map<Applier.Outcome, Integer> outcomes, Applier.Outcome outcome) {
        outcomes.merge(outcome, 1, Integer::sum);
    }
}
