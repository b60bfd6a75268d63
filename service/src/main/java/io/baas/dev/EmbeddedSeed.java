package io.baas.dev;

import io.baas.config.BaasConfig;
import io.baas.config.KubeSphereVersion;
import io.baas.crd.BaasKinds;
import io.baas.iam.kubesphere.KubeSphereBuiltins;
import io.baas.iam.permission.RoleTemplateCatalog;
import io.baas.k8s.KubeSphereKind;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * What a fresh KubeSphere 4 has, put into the embedded API: the CRDs of KubeSphere's IAM and
 * tenant kinds and of baas.io, the built-in roles with the BaaS RoleTemplates aggregated, the user
 * {@code admin} as platform-admin, the workspace {@code system-workspace} with its roles, and
 * {@code kubesphere-system/kubesphere-config} carrying the configured jwtSecret.
 */
@Singleton
public class EmbeddedSeed {

    private static final Logger LOG = Logger.getLogger(EmbeddedSeed.class);
    public static final String ADMIN = "admin";
    public static final String SYSTEM_WORKSPACE = "system-workspace";

    private final BaasConfig config;

    EmbeddedSeed(BaasConfig config) {
        this.config = config;
    }

    /** Which KubeSphere generation the embedded API imitates: 4.x unless baas.iam.kubesphere-version says 3.x. */
    public KubeSphereVersion version() {
        return config.iam().kubesphereVersion().orElse(KubeSphereVersion.V4);
    }

    void apply(KubernetesClient client) {
        apply(client, version(), config.iam().jwtSecret().filter(s -> !s.isEmpty()));
    }

    /**
     * Seeds any in-memory API as the embedded one is (tests run the packaged service against one);
     * the jwtSecret, when given, goes where KubeSphere keeps it.
     */
    public static void apply(KubernetesClient client, KubeSphereVersion version, java.util.Optional<String> jwtSecret) {
        for (KubeSphereKind kind : KubeSphereKind.values()) {
            if (kind.needsCrd(version)) {
                client.apiextensions().v1().customResourceDefinitions().resource(kubesphereCrd(kind, version)).create();
            }
        }
        for (var type : BaasKinds.ALL) {
            client.apiextensions().v1().customResourceDefinitions().resource(baasCrd(type)).create();
        }
        List<GenericKubernetesResource> templates = RoleTemplateCatalog.roleTemplates();
        KubeSphereBuiltins builtins = new KubeSphereBuiltins(templates);
        templates.forEach(t -> createGeneric(client, t, version));
        builtins.platformObjects().forEach(o -> createGeneric(client, o, version));
        createGeneric(client, user(ADMIN, "admin@kubesphere.io"), version);
        createGeneric(client, workspace(SYSTEM_WORKSPACE), version);
        builtins.workspaceRoles(SYSTEM_WORKSPACE).forEach(r -> createGeneric(client, r, version));

        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("kubesphere-system")
                .addToLabels(KubeSphereKind.WORKSPACE_LABEL, SYSTEM_WORKSPACE).endMetadata().build()).create();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build()).create();
        jwtSecret.ifPresent(secret -> client.configMaps().resource(
                new ConfigMapBuilder().withNewMetadata().withNamespace("kubesphere-system").withName("kubesphere-config").endMetadata()
                        .addToData("kubesphere.yaml", "authentication:\n  issuer:\n    jwtSecret: \"" + secret.replace("\"", "\\\"") + "\"\n")
                        .build()).create());
        LOG.infof("Embedded KubeSphere %s seeded: workspace %s, user %s bound to platform-admin, %d built-in roles, %d BaaS RoleTemplates.",
                version == KubeSphereVersion.V4 ? "4.x" : "3.x", SYSTEM_WORKSPACE, ADMIN, builtins.platformObjects().size(),
                templates.size());
    }

    /** A KubeSphere user as its console creates one, already active. */
    public static GenericKubernetesResource user(String name, String email) {
        GenericKubernetesResource user = generic(KubeSphereKind.USER, name);
        user.setAdditionalProperty("spec", Map.of("email", email));
        user.setAdditionalProperty("status", Map.of("state", "Active"));
        return user;
    }

    /** The cluster KubeSphere names the one it runs in. */
    public static final String HOST_CLUSTER = "host";

    /**
     * A workspace as KubeSphere 4 stores it: a WorkspaceTemplate, placed on the host cluster (4.1
     * requires {@code spec.placement}; the console writes the clusters the workspace may use).
     */
    public static GenericKubernetesResource workspace(String name) {
        GenericKubernetesResource workspace = generic(KubeSphereKind.WORKSPACE_TEMPLATE, name);
        workspace.setAdditionalProperty("spec", Map.of("template", Map.of("spec", Map.of()),
                "placement", Map.of("clusters", List.of(Map.of("name", HOST_CLUSTER)))));
        return workspace;
    }

    /** A KubeSphere 4 object of the kind; {@link #inVersion} moves it to 3.x where needed. */
    public static GenericKubernetesResource generic(KubeSphereKind kind, String name) {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion(kind.apiVersion(KubeSphereVersion.V4));
        resource.setKind(kind.kind());
        resource.setMetadata(new ObjectMetaBuilder().withName(name).build());
        return resource;
    }

    /**
     * Created once: the embedded stand-ins for KubeSphere's controllers make the same built-in roles
     * when they see the workspace, and whichever comes second finds the object there (409), which is fine.
     */
    static void createGeneric(KubernetesClient client, GenericKubernetesResource resource, KubeSphereVersion version) {
        inVersion(resource, version).ifPresent(r -> {
            try {
                client.resource(r).create();
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        });
    }

    /**
     * The object as the given KubeSphere generation stores it: 3.x keeps global and workspace roles in
     * iam.kubesphere.io/v1alpha2 and cluster and project roles in plain Kubernetes RBAC, with rules
     * only; it has no RoleTemplate or BuiltinRole kinds (empty).
     */
    public static java.util.Optional<GenericKubernetesResource> inVersion(GenericKubernetesResource resource, KubeSphereVersion version) {
        if (version == KubeSphereVersion.V4) {
            return java.util.Optional.of(resource);
        }
        for (KubeSphereKind kind : KubeSphereKind.values()) {
            if (kind.kind().equals(resource.getKind()) && resource.getApiVersion().equals(kind.apiVersion(KubeSphereVersion.V4))) {
                if (!kind.existsIn(version)) {
                    return java.util.Optional.empty();
                }
                resource.setApiVersion(kind.apiVersion(version));
                resource.getAdditionalProperties().remove("aggregationRoleTemplates");
                return java.util.Optional.of(resource);
            }
        }
        return java.util.Optional.of(resource);
    }

    /** The CRD the build generated from the class (the same as crds/), with its full schema. */
    public static CustomResourceDefinition baasCrd(Class<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>> type) {
        String file = "/META-INF/fabric8/" + io.fabric8.kubernetes.api.model.HasMetadata.getPlural(type) + "."
                + io.fabric8.kubernetes.api.model.HasMetadata.getGroup(type) + "-v1.yml";
        try (java.io.InputStream in = EmbeddedSeed.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException(file + " is missing: the build generates it from " + type.getSimpleName());
            }
            return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(in, CustomResourceDefinition.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static CustomResourceDefinition kubesphereCrd(KubeSphereKind kind, KubeSphereVersion kubesphereVersion) {
        String group = kind.group(kubesphereVersion);
        String version = kind.apiVersion(kubesphereVersion).substring(group.length() + 1);
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(kind.plural() + "." + group).endMetadata()
                .withNewSpec()
                .withGroup(group)
                .withScope(kind.namespaced() ? "Namespaced" : "Cluster")
                .withNewNames().withKind(kind.kind()).withListKind(kind.kind() + "List").withPlural(kind.plural())
                .withSingular(kind.kind().toLowerCase()).endNames()
                .addNewVersion().withName(version).withServed(true).withStorage(true)
                .withNewSchema().withOpenAPIV3Schema(new JSONSchemaPropsBuilder().withType("object")
                        .withXKubernetesPreserveUnknownFields(true).build()).endSchema()
                .endVersion()
                .endSpec()
                .build();
    }
}
