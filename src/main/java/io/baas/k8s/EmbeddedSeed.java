package io.baas.k8s;

import io.baas.api.permission.RoleTemplateCatalog;
import io.baas.config.BaasConfig;
import io.baas.crd.BaasKinds;
import io.baas.iam.kubesphere.KubeSphereBuiltins;
import io.baas.iam.kubesphere.KubeSphereKind;
import io.baas.iam.kubesphere.KubeSphereVersion;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
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
    static final KubeSphereVersion VERSION = KubeSphereVersion.V4;
    public static final String ADMIN = "admin";
    public static final String SYSTEM_WORKSPACE = "system-workspace";

    private final BaasConfig config;

    EmbeddedSeed(BaasConfig config) {
        this.config = config;
    }

    void apply(KubernetesClient client) {
        for (KubeSphereKind kind : KubeSphereKind.values()) {
            if (kind.needsCrd(VERSION)) {
                client.apiextensions().v1().customResourceDefinitions().resource(kubesphereCrd(kind)).create();
            }
        }
        for (var type : BaasKinds.ALL) {
            client.apiextensions().v1().customResourceDefinitions()
                    .resource(CustomResourceDefinitionContext.v1CRDFromCustomResourceType(type).build()).create();
        }
        List<GenericKubernetesResource> templates = RoleTemplateCatalog.roleTemplates();
        KubeSphereBuiltins builtins = new KubeSphereBuiltins(templates);
        templates.forEach(t -> createGeneric(client, t));
        builtins.platformObjects().forEach(o -> createGeneric(client, o));
        createGeneric(client, user(ADMIN, "admin@kubesphere.io"));
        createGeneric(client, workspace(SYSTEM_WORKSPACE));
        builtins.workspaceRoles(SYSTEM_WORKSPACE).forEach(r -> createGeneric(client, r));

        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("kubesphere-system")
                .addToLabels(KubeSphereKind.WORKSPACE_LABEL, SYSTEM_WORKSPACE).endMetadata().build()).create();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build()).create();
        config.iam().jwtSecret().filter(s -> !s.isEmpty()).ifPresent(secret -> client.configMaps().resource(
                new ConfigMapBuilder().withNewMetadata().withNamespace("kubesphere-system").withName("kubesphere-config").endMetadata()
                        .addToData("kubesphere.yaml", "authentication:\n  issuer:\n    jwtSecret: \"" + secret.replace("\"", "\\\"") + "\"\n")
                        .build()).create());
        LOG.infof("Embedded KubeSphere seeded: workspace %s, user %s bound to platform-admin, %d built-in roles, %d BaaS RoleTemplates.",
                SYSTEM_WORKSPACE, ADMIN, builtins.platformObjects().size(), templates.size());
    }

    /** A KubeSphere user as its console creates one, already active. */
    public static GenericKubernetesResource user(String name, String email) {
        GenericKubernetesResource user = generic(KubeSphereKind.USER, name);
        user.setAdditionalProperty("spec", Map.of("email", email));
        user.setAdditionalProperty("status", Map.of("state", "Active"));
        return user;
    }

    /** A workspace as KubeSphere 4 stores it: a WorkspaceTemplate. */
    public static GenericKubernetesResource workspace(String name) {
        GenericKubernetesResource workspace = generic(KubeSphereKind.WORKSPACE_TEMPLATE, name);
        workspace.setAdditionalProperty("spec", Map.of("template", Map.of("spec", Map.of())));
        return workspace;
    }

    public static GenericKubernetesResource generic(KubeSphereKind kind, String name) {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion(kind.apiVersion(VERSION));
        resource.setKind(kind.kind());
        resource.setMetadata(new ObjectMetaBuilder().withName(name).build());
        return resource;
    }

    static void createGeneric(KubernetesClient client, GenericKubernetesResource resource) {
        client.resource(resource).create();
    }

    static CustomResourceDefinition kubesphereCrd(KubeSphereKind kind) {
        String group = kind.group(VERSION);
        String version = kind.apiVersion(VERSION).substring(group.length() + 1);
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
