package io.baas.k8s.build;

import io.baas.crd.Storage;
import io.baas.pki.k8s.NodeMaterial;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.List;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.Map;

/** What every Fabric node's pod is made of, the same for peers and orderers. */
public final class NodeParts {

    static final int OPERATIONS_PORT = 9443;
    static final String IDENTITY_VOLUME = "identity";
    /**
     * The uid and gid Fabric's containers run as. Fabric's images would run as root; Pod Security
     * "restricted" wants a non-root user, and a numeric one so the kubelet can check it. The pod's
     * fsGroup is the same gid, so the ledger volumes are writable and the key files readable.
     */
    public static final long NODE_UID = 1000;
    /** The uid and gid of the official CouchDB image's couchdb user: its entrypoint writes into folders that user owns. */
    public static final long COUCHDB_UID = 5984;
    /** Suffix of a StatefulSet's governing Service: headless, so each pod gets its own DNS name. */
    static final String GOVERNING_SERVICE_SUFFIX = "-headless";
    static final String APP_NAME_LABEL = "app.kubernetes.io/name";
    /**
     * Only on a node's governing Service, which carries the node's labels too: what tells the two
     * apart for a selector (the nodes' ServiceMonitor scrapes each node once, through its own Service).
     */
    public static final String GOVERNING_SERVICE_LABEL = "baas.io/governing-service";

    private NodeParts() {
    }

    /** The owner is the node's custom resource (never a namespace: KubeSphere owns those). */
    public static OwnerReference owner(HasMetadata resource) {
        return new OwnerReferenceBuilder().withApiVersion(resource.getApiVersion()).withKind(resource.getKind())
                .withName(resource.getMetadata().getName()).withUid(resource.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    /** Whether the node's custom resource (by uid) is the object's controller: never true for someone else's object. */
    public static boolean controlledBy(HasMetadata object, HasMetadata node) {
        String uid = node.getMetadata().getUid();
        return uid != null && object.getMetadata().getOwnerReferences() != null
                && object.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> Boolean.TRUE.equals(o.getController()) && uid.equals(o.getUid()));
    }

    /** The node's Secret and ConfigMap as one folder tree in Fabric's layout (msp/, tls/). */
    static Volume identityVolume(NodeMaterial material) {
        return new VolumeBuilder().withName(IDENTITY_VOLUME).withNewProjected()
                .addNewSource().withNewSecret().withName(material.secret().getMetadata().getName())
                .withItems(material.secretItems()).endSecret().endSource()
                .addNewSource().withNewConfigMap().withName(material.configMap().getMetadata().getName())
                .withItems(material.configMapItems()).endConfigMap().endSource()
                .endProjected().build();
    }

    /** Fabric's operations endpoint answers /healthz; with its TLS on, the kubelet must speak HTTPS. */
    static Probe healthProbe(boolean tls, int initialDelaySeconds) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath("/healthz").withNewPort(OPERATIONS_PORT).withScheme(tls ? "HTTPS" : "HTTP").endHttpGet()
                .withInitialDelaySeconds(initialDelaySeconds).withPeriodSeconds(10).withFailureThreshold(6)
                .build();
    }

    static Map<String, String> scrapeAnnotations(boolean tls) {
        return Map.of("prometheus.io/scrape", "true", "prometheus.io/port", String.valueOf(OPERATIONS_PORT),
                "prometheus.io/path", "/metrics", "prometheus.io/scheme", tls ? "https" : "http");
    }

    /** A ledger claim: the node's own class and size, else the platform's; no class means the cluster default. */
    static PersistentVolumeClaim claim(String name, Storage storage, String defaultClass, String defaultSize) {
        String storageClass = storage != null && storage.storageClassName != null ? storage.storageClassName : defaultClass;
        String size = storage != null && storage.size != null ? storage.size : defaultSize;
        var spec = new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce")
                .withNewResources().addToRequests("storage", new Quantity(size)).endResources();
        if (storageClass != null && !storageClass.isEmpty()) {
            spec.withStorageClassName(storageClass);
        }
        return spec.endSpec().build();
    }

    /**
     * The pod-level part of Pod Security "restricted": a non-root uid and gid, fsGroup (volumes
     * writable and keys readable by that group; ownership is changed only when the volume's root does
     * not already match), and the runtime's default seccomp profile.
     */
    public static PodSecurityContext podSecurityContext() {
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(true).withRunAsUser(NODE_UID).withRunAsGroup(NODE_UID)
                .withFsGroup(NODE_UID).withFsGroupChangePolicy("OnRootMismatch")
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    /** The container-level part of Pod Security "restricted": no privilege escalation, every capability dropped. */
    public static SecurityContext containerSecurityContext() {
        return new SecurityContextBuilder()
                .withRunAsNonRoot(true).withAllowPrivilegeEscalation(false)
                .withNewCapabilities().addToDrop("ALL").endCapabilities()
                .build();
    }

    /** The name of a node's governing Service (the StatefulSet's serviceName). */
    public static String governingServiceName(String node) {
        return node + GOVERNING_SERVICE_SUFFIX;
    }

    /**
     * The StatefulSet's governing Service: headless, so its pod is {@code <node>-0.<node>-headless.<ns>.svc};
     * not-ready pods are published too (peers and consenters find each other while starting). Clients
     * and certificates keep using the node's own Service, whose virtual IP outlives the pod.
     */
    static Service governingService(HasMetadata node, Map<String, String> labels, Map<String, String> selector, List<ServicePort> ports) {
        return new ServiceBuilder()
                .withNewMetadata().withName(governingServiceName(node.getMetadata().getName()))
                .withNamespace(node.getMetadata().getNamespace())
                .withLabels(labels).addToLabels(GOVERNING_SERVICE_LABEL, "true").withOwnerReferences(owner(node)).endMetadata()
                .withNewSpec()
                .withClusterIP("None")
                .withPublishNotReadyAddresses(true)
                .withSelector(selector)
                .withPorts(ports)
                .endSpec()
                .build();
    }

    static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    static EnvVar secretEnv(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef(key, secret, false).endValueFrom().build();
    }
}
