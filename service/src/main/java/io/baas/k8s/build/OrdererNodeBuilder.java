package io.baas.k8s.build;

import io.baas.crd.BaasResource;
import io.baas.crd.OrdererNode;
import io.baas.fabric.node.NodeFolders;
import io.baas.fabric.node.OrdererNodeSettings;
import io.baas.pki.ServiceAddress;
import io.baas.pki.k8s.NodeMaterial;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
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
 * An OrdererNode as Kubernetes objects: a one-replica StatefulSet of the orderer with no system
 * channel (bootstrap method none), channel participation on its admin port behind mutual TLS, Raft
 * cluster traffic on its own port with the node's TLS certificate (server and client auth), and a
 * Service for the client, cluster, admin and operations ports, plus the StatefulSet's headless
 * governing Service. The container passes Pod Security "restricted". Pure: no client, no CDI.
 */
public final class OrdererNodeBuilder {

    /** The value of {@code app.kubernetes.io/name} on everything of a ordering node (pods, Services, StatefulSet). */
    public static final String APP_NAME = "fabric-orderer";
    public static final int CLIENT_PORT = 7050;
    public static final int CLUSTER_PORT = 7070;
    public static final int ADMIN_PORT = 7053;
    static final String IDENTITY_ROOT = "/var/hyperledger/orderer";
    static final String DATA_ROOT = "/var/hyperledger/production/orderer";

    private OrdererNodeBuilder() {
    }

    public record Inputs(String mspId, NodeMaterial material, boolean operationsTls) {
    }

    /**
     * @param service the orderer's address for clients, peers and other consenters (a stable virtual IP)
     * @param governingService the StatefulSet's headless Service: per-pod DNS
     */
    public record Objects(StatefulSet statefulSet, Service service, Service governingService) {
    }

    public static Objects build(OrdererNode orderer, Inputs inputs, PlatformSettings platform) {
        return new Objects(statefulSet(orderer, inputs, platform), service(orderer),
                NodeParts.governingService(orderer, labels(orderer), selectorLabels(orderer), ports()));
    }

    /** The host that clients, peers and other consenters dial: the Service's fully qualified name, a TLS SAN. */
    public static String host(String orderer, String namespace, PlatformSettings platform) {
        return new ServiceAddress(orderer, namespace, platform.clusterDomain()).fullyQualified();
    }

    static Map<String, String> selectorLabels(OrdererNode orderer) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NodeParts.APP_NAME_LABEL, APP_NAME);
        labels.put("app.kubernetes.io/instance", orderer.getMetadata().getName());
        return labels;
    }

    static Map<String, String> labels(OrdererNode orderer) {
        Map<String, String> labels = selectorLabels(orderer);
        labels.put(BaasResource.ORGANIZATION_LABEL, orderer.getSpec().organization);
        labels.put(BaasResource.CONSORTIUM_LABEL, orderer.getSpec().consortium);
        labels.put(ConsortiumNamespaces.MANAGED_BY, ConsortiumNamespaces.MANAGER);
        return labels;
    }

    private static Service service(OrdererNode orderer) {
        return new ServiceBuilder()
                .withNewMetadata().withName(orderer.getMetadata().getName()).withNamespace(orderer.getMetadata().getNamespace())
                .withLabels(labels(orderer)).withOwnerReferences(NodeParts.owner(orderer)).endMetadata()
                .withNewSpec()
                .withSelector(selectorLabels(orderer))
                .withPorts(ports())
                .endSpec()
                .build();
    }

    private static List<ServicePort> ports() {
        return List.of(
                new ServicePortBuilder().withName("client").withPort(CLIENT_PORT).withNewTargetPort(CLIENT_PORT).withAppProtocol("grpc").build(),
                new ServicePortBuilder().withName("cluster").withPort(CLUSTER_PORT).withNewTargetPort(CLUSTER_PORT).withAppProtocol("grpc").build(),
                new ServicePortBuilder().withName("admin").withPort(ADMIN_PORT).withNewTargetPort(ADMIN_PORT).build(),
                new ServicePortBuilder().withName("operations").withPort(NodeParts.OPERATIONS_PORT)
                        .withNewTargetPort(NodeParts.OPERATIONS_PORT).build());
    }

    private static StatefulSet statefulSet(OrdererNode orderer, Inputs inputs, PlatformSettings platform) {
        String name = orderer.getMetadata().getName();
        return new StatefulSetBuilder()
                .withNewMetadata().withName(name).withNamespace(orderer.getMetadata().getNamespace()).withLabels(labels(orderer))
                .withOwnerReferences(NodeParts.owner(orderer)).endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withServiceName(NodeParts.governingServiceName(name))
                .withNewSelector().withMatchLabels(selectorLabels(orderer)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels(orderer)).withAnnotations(NodeParts.scrapeAnnotations(inputs.operationsTls())).endMetadata()
                .withNewSpec()
                .withSecurityContext(NodeParts.podSecurityContext())
                .withContainers(ordererContainer(orderer, inputs, platform))
                .withVolumes(NodeParts.identityVolume(inputs.material()))
                .endSpec()
                .endTemplate()
                .withVolumeClaimTemplates(NodeParts.claim("data", orderer.getSpec().storage, platform.storageClassName(),
                        platform.ordererStorageSize()))
                .endSpec()
                .build();
    }

    /** The orderer's Fabric settings in its pod: listening on every address, its files where the pod mounts them. */
    static OrdererNodeSettings settings(Inputs inputs) {
        return new OrdererNodeSettings(inputs.mspId(), new NodeFolders(IDENTITY_ROOT, DATA_ROOT), "0.0.0.0",
                new OrdererNodeSettings.Ports(CLIENT_PORT, CLUSTER_PORT, ADMIN_PORT, NodeParts.OPERATIONS_PORT), inputs.operationsTls());
    }

    private static Container ordererContainer(OrdererNode orderer, Inputs inputs, PlatformSettings platform) {
        List<EnvVar> env = new ArrayList<>();
        settings(inputs).environment().forEach((variable, value) -> env.add(NodeParts.env(variable, value)));
        String version = orderer.getSpec().version != null ? orderer.getSpec().version : platform.fabricVersion();
        return new ContainerBuilder()
                .withName("orderer")
                .withImage(platform.imageRegistry() + "/fabric-orderer:" + version)
                .withEnv(env)
                .addNewPort().withName("client").withContainerPort(CLIENT_PORT).endPort()
                .addNewPort().withName("cluster").withContainerPort(CLUSTER_PORT).endPort()
                .addNewPort().withName("admin").withContainerPort(ADMIN_PORT).endPort()
                .addNewPort().withName("operations").withContainerPort(NodeParts.OPERATIONS_PORT).endPort()
                .addNewVolumeMount().withName(NodeParts.IDENTITY_VOLUME).withMountPath(IDENTITY_ROOT).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("data").withMountPath(DATA_ROOT).endVolumeMount()
                .withResources(orderer.getSpec().resources != null ? orderer.getSpec().resources : platform.ordererResources())
                .withLivenessProbe(NodeParts.healthProbe(inputs.operationsTls(), 30))
                .withReadinessProbe(NodeParts.healthProbe(inputs.operationsTls(), 10))
                .withSecurityContext(NodeParts.containerSecurityContext())
                .build();
    }
}
