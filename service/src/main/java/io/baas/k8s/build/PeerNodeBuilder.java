package io.baas.k8s.build;

import io.baas.crd.BaasResource;
import io.baas.crd.PeerNode;
import io.baas.crd.StateDatabase;
import io.baas.fabric.node.NodeFolders;
import io.baas.fabric.node.PeerNodeSettings;
import io.baas.pki.ServiceAddress;
import io.baas.pki.k8s.NodeMaterial;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PeerNode as Kubernetes objects: a one-replica StatefulSet (the peer, and a CouchDB sidecar when
 * asked) on a PersistentVolumeClaim, the Service whose name its TLS certificate carries and its
 * gossip endpoints announce, and the StatefulSet's headless governing Service. Every container
 * passes Pod Security "restricted". Pure: no client, no CDI.
 */
public final class PeerNodeBuilder {

    /** The value of {@code app.kubernetes.io/name} on everything of a peer (pods, Services, StatefulSet). */
    public static final String APP_NAME = "fabric-peer";
    public static final int PEER_PORT = 7051;
    public static final int CHAINCODE_PORT = 7052;
    public static final int OPERATIONS_PORT = NodeParts.OPERATIONS_PORT;
    static final String IDENTITY_ROOT = "/var/hyperledger/peer";
    static final String DATA_ROOT = "/var/hyperledger/production";

    private PeerNodeBuilder() {
    }

    /**
     * @param mspId the organization's MSP ID
     * @param material the node's Secret and ConfigMap (from the PKI), mounted as Fabric's folders
     * @param otherPeers the organization's other peers (PeerNode names in the same namespace), for gossip bootstrap
     * @param tlsCaPem the organization's TLS CA chain: its chaincode servers' certificates chain to it
     */
    public record Inputs(String mspId, NodeMaterial material, List<String> otherPeers, boolean operationsTls, String tlsCaPem) {
    }

    /** What this peer tells the ccaas builder, for the connection.json templates of CCaaS packages. */
    public static ChaincodeBuilderConfig builderConfig(PeerNode peer, Inputs inputs, PlatformSettings platform) {
        return new ChaincodeBuilderConfig(peer.getMetadata().getName(), peer.getMetadata().getNamespace(), peer.getSpec().organization,
                inputs.mspId(), platform.clusterDomain(), inputs.tlsCaPem());
    }

    /**
     * @param service the peer's address for clients, other peers and the gateway (a stable virtual IP)
     * @param governingService the StatefulSet's headless Service: per-pod DNS
     */
    public record Objects(StatefulSet statefulSet, Service service, Service governingService) {
    }

    public static Objects build(PeerNode peer, Inputs inputs, PlatformSettings platform) {
        return new Objects(statefulSet(peer, inputs, platform), service(peer),
                NodeParts.governingService(peer, labels(peer), selectorLabels(peer), ports()));
    }

    /** host:port that peers, clients and the gateway use: the Service's fully qualified name, a TLS SAN. */
    public static String endpoint(String peer, String namespace, PlatformSettings platform) {
        return new ServiceAddress(peer, namespace, platform.clusterDomain()).fullyQualified() + ":" + PEER_PORT;
    }

    static Map<String, String> selectorLabels(PeerNode peer) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NodeParts.APP_NAME_LABEL, APP_NAME);
        labels.put("app.kubernetes.io/instance", peer.getMetadata().getName());
        return labels;
    }

    static Map<String, String> labels(PeerNode peer) {
        Map<String, String> labels = selectorLabels(peer);
        labels.put(BaasResource.ORGANIZATION_LABEL, peer.getSpec().organization);
        labels.put(ConsortiumNamespaces.MANAGED_BY, ConsortiumNamespaces.MANAGER);
        return labels;
    }

    private static Service service(PeerNode peer) {
        return new ServiceBuilder()
                .withNewMetadata().withName(peer.getMetadata().getName()).withNamespace(peer.getMetadata().getNamespace())
                .withLabels(labels(peer)).withOwnerReferences(NodeParts.owner(peer)).endMetadata()
                .withNewSpec()
                .withSelector(selectorLabels(peer))
                .withPorts(ports())
                .endSpec()
                .build();
    }

    private static List<ServicePort> ports() {
        return List.of(
                new ServicePortBuilder().withName("peer").withPort(PEER_PORT).withNewTargetPort(PEER_PORT).withAppProtocol("grpc").build(),
                new ServicePortBuilder().withName("chaincode").withPort(CHAINCODE_PORT).withNewTargetPort(CHAINCODE_PORT).build(),
                new ServicePortBuilder().withName("operations").withPort(OPERATIONS_PORT).withNewTargetPort(OPERATIONS_PORT).build());
    }

    private static StatefulSet statefulSet(PeerNode peer, Inputs inputs, PlatformSettings platform) {
        String name = peer.getMetadata().getName();
        String namespace = peer.getMetadata().getNamespace();
        boolean couchdb = peer.getSpec().stateDatabase == StateDatabase.COUCHDB;
        List<Container> containers = new ArrayList<>();
        containers.add(peerContainer(peer, inputs, platform, couchdb));
        if (couchdb) {
            containers.add(couchdbContainer(name, platform));
        }
        List<PersistentVolumeClaim> claims = new ArrayList<>();
        claims.add(NodeParts.claim("data", peer.getSpec().storage, platform.storageClassName(), platform.peerStorageSize()));
        if (couchdb) {
            claims.add(NodeParts.claim("couchdb", peer.getSpec().storage, platform.storageClassName(), platform.peerStorageSize()));
        }
        return new StatefulSetBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels(peer))
                .withOwnerReferences(NodeParts.owner(peer)).endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withServiceName(NodeParts.governingServiceName(name))
                .withNewSelector().withMatchLabels(selectorLabels(peer)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels(peer))
                .withAnnotations(NodeParts.scrapeAnnotations(inputs.operationsTls()))
                .endMetadata()
                .withNewSpec()
                .withSecurityContext(NodeParts.podSecurityContext())
                .withContainers(containers)
                .withVolumes(NodeParts.identityVolume(inputs.material()))
                .endSpec()
                .endTemplate()
                .withVolumeClaimTemplates(claims)
                .endSpec()
                .build();
    }

    /**
     * The peer's Fabric settings in its pod: listening on every address, announced by its Service's
     * name; the image's core.yaml declares the ccaas external builder, which sees the builder config.
     */
    static PeerNodeSettings settings(PeerNode peer, Inputs inputs, PlatformSettings platform) {
        String name = peer.getMetadata().getName();
        String namespace = peer.getMetadata().getNamespace();
        return new PeerNodeSettings(name, inputs.mspId(), new NodeFolders(IDENTITY_ROOT, DATA_ROOT), "0.0.0.0",
                new PeerNodeSettings.Ports(PEER_PORT, CHAINCODE_PORT, OPERATIONS_PORT), endpoint(name, namespace, platform),
                inputs.otherPeers().stream().map(other -> endpoint(other, namespace, platform)).toList(), inputs.operationsTls(),
                builderConfig(peer, inputs, platform).json());
    }

    private static Container peerContainer(PeerNode peer, Inputs inputs, PlatformSettings platform, boolean couchdb) {
        String name = peer.getMetadata().getName();
        List<EnvVar> env = new ArrayList<>();
        settings(peer, inputs, platform).environment().forEach((variable, value) -> env.add(NodeParts.env(variable, value)));
        if (couchdb) {
            env.add(NodeParts.env("CORE_LEDGER_STATE_STATEDATABASE", "CouchDB"));
            env.add(NodeParts.env("CORE_LEDGER_STATE_COUCHDBCONFIG_COUCHDBADDRESS", "localhost:5984"));
            env.add(NodeParts.secretEnv("CORE_LEDGER_STATE_COUCHDBCONFIG_USERNAME", couchdbSecret(name), "username"));
            env.add(NodeParts.secretEnv("CORE_LEDGER_STATE_COUCHDBCONFIG_PASSWORD", couchdbSecret(name), "password"));
        } else {
            env.add(NodeParts.env("CORE_LEDGER_STATE_STATEDATABASE", "goleveldb"));
        }
        return new ContainerBuilder()
                .withName("peer")
                .withImage(platform.imageRegistry() + "/fabric-peer:" + version(peer, platform))
                .withEnv(env)
                .addNewPort().withName("peer").withContainerPort(PEER_PORT).endPort()
                .addNewPort().withName("chaincode").withContainerPort(CHAINCODE_PORT).endPort()
                .addNewPort().withName("operations").withContainerPort(OPERATIONS_PORT).endPort()
                .addNewVolumeMount().withName(NodeParts.IDENTITY_VOLUME).withMountPath(IDENTITY_ROOT).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("data").withMountPath(DATA_ROOT).endVolumeMount()
                .withResources(peer.getSpec().resources != null ? peer.getSpec().resources : platform.peerResources())
                .withLivenessProbe(NodeParts.healthProbe(inputs.operationsTls(), 30))
                .withReadinessProbe(NodeParts.healthProbe(inputs.operationsTls(), 10))
                .withSecurityContext(NodeParts.containerSecurityContext())
                .build();
    }

    /**
     * CouchDB as the official image's own couchdb user (uid and gid 5984: its entrypoint writes its
     * admin settings into folders that user owns); the pod's fsGroup keeps its data volume writable.
     */
    private static Container couchdbContainer(String peer, PlatformSettings platform) {
        return new ContainerBuilder()
                .withName("couchdb")
                .withImage(platform.couchdbImage())
                .withEnv(NodeParts.secretEnv("COUCHDB_USER", couchdbSecret(peer), "username"),
                        NodeParts.secretEnv("COUCHDB_PASSWORD", couchdbSecret(peer), "password"))
                .addNewPort().withName("couchdb").withContainerPort(5984).endPort()
                .addNewVolumeMount().withName("couchdb").withMountPath("/opt/couchdb/data").endVolumeMount()
                .withReadinessProbe(new ProbeBuilder().withNewTcpSocket().withNewPort(5984).endTcpSocket()
                        .withPeriodSeconds(10).build())
                .withResources(platform.couchdbResources())
                .withSecurityContext(new SecurityContextBuilder(NodeParts.containerSecurityContext())
                        .withRunAsUser(NodeParts.COUCHDB_UID).withRunAsGroup(NodeParts.COUCHDB_UID).build())
                .build();
    }

    /** The Secret holding the CouchDB credentials of a peer (made by the reconciler, never in a ConfigMap). */
    public static String couchdbSecret(String peer) {
        return peer + "-couchdb";
    }

    private static String version(PeerNode peer, PlatformSettings platform) {
        return peer.getSpec().version != null ? peer.getSpec().version : platform.fabricVersion();
    }
}
