package io.baas.k8s.build;

import io.baas.crd.BaasResource;
import io.baas.pki.CertifiedKey;
import io.baas.pki.Pem;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One organization's chaincode server (CCaaS, docs/architecture.md) as Kubernetes objects in that
 * organization's namespace: a Deployment running the package's server image with the package ID
 * as its chaincode ID, a Service under the name the package's {@code connection.json} dials, and
 * the server's TLS Secret from the organization's TLS CA. The organization's peers reach it by
 * that name in their own namespace, so endorsements of one organization never run in another's
 * process. Pure: no client, no CDI.
 */
public final class ChaincodeServerBuilder {

    /** Value: the server's name; the same server serves every channel whose chaincode uses its package. */
    public static final String SERVER_LABEL = "baas.io/chaincode-server";
    /** The server's container in its pods. */
    public static final String CONTAINER = "chaincode";
    static final String TLS_ROOT = "/var/hyperledger/chaincode/tls";

    private ChaincodeServerBuilder() {
    }

    /**
     * @param organization the organization whose server this is
     * @param namespace that organization's consortium namespace
     * @param server the Service name and port the package's connection.json dials
     * @param packageId the installed package's ID, the server's chaincode ID
     * @param image the server's image
     * @param replicas how many server pods
     * @param tls whether the package's connection.json requires TLS
     */
    public record Inputs(String organization, String namespace, String server, int port, String packageId, String image,
                         int replicas, boolean tls) {
    }

    public record Objects(Deployment deployment, Service service) {
    }

    /** Pod template annotation: the serial of the server's TLS certificate, so a renewed one rolls the pods. */
    public static final String TLS_SERIAL_ANNOTATION = "baas.io/tls-certificate-serial";

    public static Objects build(Inputs inputs, PlatformSettings platform) {
        return build(inputs, platform, null);
    }

    /** @param tlsSerial the serial of the certificate in the server's TLS Secret (the server reads it only at start) */
    public static Objects build(Inputs inputs, PlatformSettings platform, String tlsSerial) {
        Deployment deployment = deployment(inputs, platform);
        if (inputs.tls() && tlsSerial != null) {
            deployment.getSpec().getTemplate().getMetadata().setAnnotations(new LinkedHashMap<>(Map.of(TLS_SERIAL_ANNOTATION, tlsSerial)));
        }
        return new Objects(deployment, service(inputs));
    }

    /** The package ID a server's Deployment runs (its chaincode ID); null when it names none. */
    public static String chaincodeId(Deployment server) {
        return server.getSpec().getTemplate().getSpec().getContainers().stream()
                .flatMap(container -> container.getEnv().stream())
                .filter(env -> "CORE_CHAINCODE_ID_NAME".equals(env.getName()))
                .map(io.fabric8.kubernetes.api.model.EnvVar::getValue)
                .findFirst().orElse(null);
    }

    public static String tlsSecretName(String server) {
        return server + "-tls";
    }

    /** The server's own key and certificate and its CA; the key never leaves this namespace. */
    public static Secret tlsSecret(Inputs inputs, CertifiedKey key, String tlsCaPem) {
        return new SecretBuilder()
                .withNewMetadata().withName(tlsSecretName(inputs.server())).withNamespace(inputs.namespace())
                .withLabels(labels(inputs)).endMetadata()
                .withType("kubernetes.io/tls")
                .addToStringData("tls.crt", Pem.encode(List.of(key.certificate())))
                .addToStringData("tls.key", Pem.encodePrivateKey(key.privateKey()))
                .addToStringData("ca.crt", tlsCaPem)
                .build();
    }

    /**
     * Whether an object found under one of this server's names is this server's: it carries every
     * label the builder gives it. Another tenant's or a hand-made object of that name is not.
     */
    public static boolean isOurs(io.fabric8.kubernetes.api.model.HasMetadata existing, Inputs inputs) {
        return isServersObject(existing, inputs.server()) && existing.getMetadata().getLabels().entrySet().containsAll(labels(inputs).entrySet());
    }

    /** Whether an object carries the marks of the chaincode server {@code server} made by the service. */
    public static boolean isServersObject(io.fabric8.kubernetes.api.model.HasMetadata existing, String server) {
        Map<String, String> found = existing.getMetadata().getLabels();
        return found != null && server.equals(found.get(SERVER_LABEL))
                && ConsortiumNamespaces.MANAGER.equals(found.get(ConsortiumNamespaces.MANAGED_BY));
    }

    static Map<String, String> selectorLabels(Inputs inputs) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "chaincode-server");
        labels.put("app.kubernetes.io/instance", inputs.server());
        return labels;
    }

    public static Map<String, String> labels(Inputs inputs) {
        Map<String, String> labels = selectorLabels(inputs);
        labels.put(SERVER_LABEL, inputs.server());
        labels.put(BaasResource.ORGANIZATION_LABEL, inputs.organization());
        labels.put(ConsortiumNamespaces.MANAGED_BY, ConsortiumNamespaces.MANAGER);
        return labels;
    }

    private static Service service(Inputs inputs) {
        return new ServiceBuilder()
                .withNewMetadata().withName(inputs.server()).withNamespace(inputs.namespace()).withLabels(labels(inputs)).endMetadata()
                .withNewSpec()
                .withSelector(selectorLabels(inputs))
                .addNewPort().withName("chaincode").withPort(inputs.port()).withNewTargetPort(inputs.port()).withAppProtocol("grpc").endPort()
                .endSpec()
                .build();
    }

    private static Deployment deployment(Inputs inputs, PlatformSettings platform) {
        List<io.fabric8.kubernetes.api.model.EnvVar> env = new ArrayList<>();
        env.add(NodeParts.env("CHAINCODE_SERVER_ADDRESS", "0.0.0.0:" + inputs.port()));
        env.add(NodeParts.env("CORE_CHAINCODE_ID_NAME", inputs.packageId()));
        env.add(NodeParts.env("CHAINCODE_TLS_DISABLED", String.valueOf(!inputs.tls())));
        if (inputs.tls()) {
            env.add(NodeParts.env("CHAINCODE_TLS_CERT", TLS_ROOT + "/tls.crt"));
            env.add(NodeParts.env("CHAINCODE_TLS_KEY", TLS_ROOT + "/tls.key"));
        }
        var container = new io.fabric8.kubernetes.api.model.ContainerBuilder()
                .withName(CONTAINER)
                .withImage(inputs.image())
                .withEnv(env)
                .addNewPort().withName("chaincode").withContainerPort(inputs.port()).endPort()
                .withResources(platform.chaincodeResources())
                // The server speaks gRPC (over TLS): a TCP check is what works for both.
                .withReadinessProbe(new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(inputs.port())).endTcpSocket()
                        .withPeriodSeconds(10).build())
                .withLivenessProbe(new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(inputs.port())).endTcpSocket()
                        .withInitialDelaySeconds(30).withPeriodSeconds(20).withFailureThreshold(3).build())
                .withNewSecurityContext().withRunAsNonRoot(true).withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true).withNewCapabilities().addToDrop("ALL").endCapabilities().endSecurityContext();
        if (inputs.tls()) {
            container.addNewVolumeMount().withName("tls").withMountPath(TLS_ROOT).withReadOnly(true).endVolumeMount();
        }
        // Pod Security "restricted": the image's own non-root user (runAsNonRoot checks it), the runtime's seccomp profile.
        var pod = new io.fabric8.kubernetes.api.model.PodSpecBuilder().withNewSecurityContext().withRunAsNonRoot(true)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                .withContainers(container.build());
        if (inputs.tls()) {
            pod.addNewVolume().withName("tls").withNewSecret().withSecretName(tlsSecretName(inputs.server())).endSecret().endVolume();
        }
        return new DeploymentBuilder()
                .withNewMetadata().withName(inputs.server()).withNamespace(inputs.namespace()).withLabels(labels(inputs)).endMetadata()
                .withNewSpec()
                .withReplicas(inputs.replicas())
                .withNewSelector().withMatchLabels(selectorLabels(inputs)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels(inputs)).endMetadata()
                .withSpec(pod.build())
                .endTemplate()
                .endSpec()
                .build();
    }
}
