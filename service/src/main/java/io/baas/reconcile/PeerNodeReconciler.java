package io.baas.reconcile;

import io.baas.crd.NodeStatus;
import io.baas.crd.PeerNode;
import io.baas.crd.StateDatabase;
import io.baas.k8s.Applier;
import io.baas.k8s.build.PeerNodeBuilder;
import io.baas.k8s.build.PlatformSettings;
import io.baas.pki.Identity;
import io.baas.pki.IdentityRole;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.SecureRandom;
import java.time.Clock;
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
    private final NodeCustody custody;

    public PeerNodeReconciler(KubernetesClient client, Applier applier, PlatformSettings platform, Clock clock) {
        this.client = client;
        this.applier = applier;
        this.platform = platform;
        this.clock = clock;
        this.custody = new NodeCustody(client, platform, clock);
    }

    public ReconcileResult reconcile(String namespace, String name) {
        PeerNode peer = client.resources(PeerNode.class).inNamespace(namespace).withName(name).get();
        Map<Applier.Outcome, Integer> outcomes = new java.util.EnumMap<>(Applier.Outcome.class);
        if (peer == null || peer.getMetadata().getDeletionTimestamp() != null) {
            return new ReconcileResult(outcomes, true);
        }
        try {
            NodeCustody.HeldNode held = custody.prepare(peer, peer.getSpec().organization, IdentityRole.PEER, peer.getSpec().extraHosts);
            ReconcileResult.count(outcomes, applier.apply(held.material().secret()));
            ReconcileResult.count(outcomes, applier.apply(held.material().configMap()));
            if (peer.getSpec().stateDatabase == StateDatabase.COUCHDB) {
                ensureCouchdbCredentials(peer);
            }
            PeerNodeBuilder.Objects objects = PeerNodeBuilder.build(peer,
                    new PeerNodeBuilder.Inputs(held.organization().getSpec().mspId, held.material(), otherPeers(peer), false), platform);
            ReconcileResult.count(outcomes, applier.apply(objects.service()));
            ReconcileResult.count(outcomes, applier.apply(objects.statefulSet()));
            writeStatus(peer, held.identity(), null);
        } catch (RuntimeException e) {
            writeStatus(peer, null, e);
            throw e;
        }
        return new ReconcileResult(outcomes, false);
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
        NodeCustody.ownedBy(peer, secret);
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
        long generation = peer.getMetadata().getGeneration() == null ? 0 : peer.getMetadata().getGeneration();
        NodeStatus status;
        if (failure == null) {
            String host = PeerNodeBuilder.endpoint(peer.getMetadata().getName(), peer.getMetadata().getNamespace(), platform);
            host = host.substring(0, host.lastIndexOf(':'));
            Map<String, String> endpoints = new LinkedHashMap<>();
            endpoints.put("peer", host + ":" + PeerNodeBuilder.PEER_PORT);
            endpoints.put("chaincode", host + ":" + PeerNodeBuilder.CHAINCODE_PORT);
            endpoints.put("operations", host + ":" + PeerNodeBuilder.OPERATIONS_PORT);
            StatefulSet set = client.apps().statefulSets().inNamespace(peer.getMetadata().getNamespace())
                    .withName(peer.getMetadata().getName()).get();
            status = NodeStatuses.healthy(peer.getStatus(), generation, endpoints, identity, set, "peer", clock);
        } else {
            status = NodeStatuses.failed(peer.getStatus(), generation, failure, clock);
        }
        NodeStatuses.write(client, PeerNode.class, peer, status);
    }
}
