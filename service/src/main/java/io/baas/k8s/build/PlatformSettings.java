package io.baas.k8s.build;

import io.baas.config.PodSecurityLevel;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * The platform's choices that builders need (from {@code baas.platform.*}): where images come from,
 * which Fabric version by default, storage and resource defaults, and which namespaces may reach
 * the nodes. A plain value, so builders stay pure.
 *
 * @param operationsTls serve the nodes' operations endpoints (health, metrics) over TLS with the node's TLS certificate
 * @param chaincodeImage the CCaaS server image of the built-in chaincodes (a package from the repository names its own)
 * @param chaincodeResources requests and limits of a chaincode server
 * @param namespacePodSecurity the Pod Security level the consortium namespaces enforce
 * @param couchdbResources requests and limits of a peer's CouchDB sidecar
 */
public record PlatformSettings(
        String imageRegistry,
        String fabricVersion,
        String couchdbImage,
        String storageClassName,
        String peerStorageSize,
        String ordererStorageSize,
        ResourceRequirements peerResources,
        ResourceRequirements ordererResources,
        String serviceNamespace,
        String monitoringNamespace,
        String clusterDomain,
        boolean operationsTls,
        String chaincodeImage,
        ResourceRequirements chaincodeResources,
        PodSecurityLevel namespacePodSecurity,
        ResourceRequirements couchdbResources) {
}
