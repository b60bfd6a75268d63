package io.baas.dev;

import io.baas.iam.kubesphere.KubeSphereBuiltins;
import io.baas.iam.permission.RoleTemplateCatalog;
import io.baas.k8s.Handlers;
import io.baas.k8s.KubeSphereKind;
import io.baas.k8s.KubernetesMode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * In embedded mode, does what ks-controller-manager would: gives every new workspace its built-in
 * roles ({@code <ws>-admin}, ...) and every managed namespace of a workspace its project roles
 * ({@code admin}, {@code operator}, {@code viewer}), so workspaces and projects made in dev mode
 * (by kubectl, the console or the service itself) behave as on a real platform.
 */
@Singleton
public class EmbeddedKubeSphereControllers {

    private static final Logger LOG = Logger.getLogger(EmbeddedKubeSphereControllers.class);

    private final KubernetesClient client;
    private final KubernetesMode mode;
    private final EmbeddedSeed seed;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

    EmbeddedKubeSphereControllers(KubernetesClient client, KubernetesMode mode, EmbeddedSeed seed) {
        this.client = client;
        this.mode = mode;
        this.seed = seed;
    }

    void start(@Observes @Priority(30) StartupEvent event) {
        if (!mode.embedded()) {
            return;
        }
        KubeSphereBuiltins builtins = new KubeSphereBuiltins(RoleTemplateCatalog.roleTemplates());
        informers.add(client.genericKubernetesResources(KubeSphereKind.WORKSPACE_TEMPLATE.context(seed.version()))
                .inform(Handlers.onChange(workspace -> ensure(builtins.workspaceRoles(workspace.getMetadata().getName())), gone -> { })));
        // KubeSphere removes the roles with their workspace or namespace: nothing to do on delete.
        informers.add(client.namespaces().inform(Handlers.onChange(namespace -> {
            Map<String, String> labels = namespace.getMetadata().getLabels() == null ? Map.of() : namespace.getMetadata().getLabels();
            ensure(builtins.projectRoles(namespace.getMetadata().getName(), labels));
        }, gone -> { })));
    }

    void stop(@Observes ShutdownEvent event) {
        informers.forEach(SharedIndexInformer::close);
    }

    private void ensure(List<GenericKubernetesResource> roles) {
        for (GenericKubernetesResource role : roles) {
            EmbeddedSeed.inVersion(role, seed.version()).ifPresent(r -> {
                try {
                    if (client.resource(r).get() == null) {
                        client.resource(r).create();
                    }
                } catch (KubernetesClientException e) {
                    LOG.warnf("Could not create the built-in role %s: %s", r.getMetadata().getName(), e.getMessage());
                }
            });
        }
    }
}
