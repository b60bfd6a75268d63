package io.baas.iam.kubesphere;

import io.baas.config.BaasConfig;
import io.baas.config.KubeSphereVersion;
import io.baas.iam.ServiceAccountName;
import io.baas.iam.UserDirectory;
import io.baas.k8s.KubeSphereKind;
import io.baas.k8s.KubernetesMode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Informer caches over KubeSphere's users, service accounts, roles, bindings, group bindings,
 * workspaces and the namespaces, so every request is authenticated and authorized from memory, as
 * ks-apiserver does.
 */
@Singleton
public class KubeSphereIam implements IamStore, UserDirectory {

    private static final Logger LOG = Logger.getLogger(KubeSphereIam.class);
    private static final String BY_WORKSPACE = "workspace";
    /** KubeSphere gives every authenticated user this group, so bindings to it reach everyone. */
    public static final String AUTHENTICATED_GROUP = "system:authenticated";

    private final KubernetesClient client;
    private final BaasConfig config;
    private final KubernetesMode mode;
    private final Map<KubeSphereKind, SharedIndexInformer<GenericKubernetesResource>> informers = new EnumMap<>(KubeSphereKind.class);
    private SharedIndexInformer<Namespace> namespaces;
    private volatile KubeSphereVersion version;

    KubeSphereIam(KubernetesClient client, BaasConfig config, KubernetesMode mode) {
        this.client = client;
        this.config = config;
        this.mode = mode;
    }

    void start(@Observes @Priority(20) StartupEvent event) {
        version = config.iam().kubesphereVersion().orElseGet(this::detectVersion);
        LOG.infof("Reading KubeSphere %s IAM objects.", version == KubeSphereVersion.V4 ? "4.x" : "3.x");
        for (KubeSphereKind kind : KubeSphereKind.values()) {
            if (!kind.existsIn(version) || kind == KubeSphereKind.ROLE_TEMPLATE || kind == KubeSphereKind.BUILTIN_ROLE) {
                continue;
            }
            SharedIndexInformer<GenericKubernetesResource> informer = client.genericKubernetesResources(kind.context(version))
                    .inAnyNamespace()
                    .runnableInformer(0);
            informer.addIndexers(Map.of(BY_WORKSPACE, KubeSphereIam::workspaceIndex));
            informers.put(kind, informer);
            informer.start().whenComplete((ignored, failure) -> {
                if (failure != null) {
                    LOG.warnf("Cannot list %s %s yet (%s); retrying in the background.", kind.apiVersion(version), kind.plural(),
                            failure.getMessage());
                }
            });
        }
        namespaces = client.namespaces().runnableInformer(0);
        namespaces.start();
    }

    void stop(@Observes ShutdownEvent event) {
        informers.values().forEach(SharedIndexInformer::close);
        if (namespaces != null) {
            namespaces.close();
        }
    }

    /** True once every cache has its first full list; until then, decisions would be wrong. */
    public boolean synced() {
        return namespaces != null && namespaces.hasSynced()
                && informers.values().stream().allMatch(SharedIndexInformer::hasSynced);
    }

    public KubeSphereVersion version() {
        return version;
    }

    public boolean workspaceExists(String workspace) {
        return get(KubeSphereKind.WORKSPACE_TEMPLATE, null, workspace).isPresent();
    }

    public List<String> workspaceNames() {
        return list(KubeSphereKind.WORKSPACE_TEMPLATE).stream().map(w -> w.getMetadata().getName()).sorted().toList();
    }

    @Override
    public List<GenericKubernetesResource> list(KubeSphereKind kind) {
        SharedIndexInformer<GenericKubernetesResource> informer = informers.get(kind);
        return informer == null ? List.of() : informer.getStore().list();
    }

    @Override
    public List<GenericKubernetesResource> listByLabel(KubeSphereKind kind, String label, String value) {
        SharedIndexInformer<GenericKubernetesResource> informer = informers.get(kind);
        if (informer == null) {
            return List.of();
        }
        if (label.equals(KubeSphereKind.WORKSPACE_LABEL)) {
            return informer.getIndexer().byIndex(BY_WORKSPACE, value);
        }
        return informer.getStore().list().stream().filter(o -> value.equals(labels(o).get(label))).toList();
    }

    @Override
    public List<GenericKubernetesResource> listInNamespace(KubeSphereKind kind, String namespace) {
        SharedIndexInformer<GenericKubernetesResource> informer = informers.get(kind);
        return informer == null ? List.of() : informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
    }

    @Override
    public Optional<GenericKubernetesResource> get(KubeSphereKind kind, String namespace, String name) {
        SharedIndexInformer<GenericKubernetesResource> informer = informers.get(kind);
        if (informer == null) {
            return Optional.empty();
        }
        String key = namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
        return Optional.ofNullable(informer.getStore().getByKey(key));
    }

    @Override
    public Optional<Namespace> namespace(String name) {
        return namespaces == null ? Optional.empty() : Optional.ofNullable(namespaces.getStore().getByKey(name));
    }

    @Override
    public Optional<UserState> userState(String username) {
        return get(KubeSphereKind.USER, null, username).map(user -> {
            Object state = IamObjects.section(user, "status").get("state");
            return "Disabled".equals(state) ? UserState.DISABLED : UserState.ACTIVE;
        });
    }

    /**
     * {@code system:authenticated}, the groups on the user ({@code spec.groups}, which KubeSphere's
     * GroupBinding controller maintains) and the GroupBindings naming the user, so a binding reaches
     * its members even before that controller has run.
     */
    @Override
    public Set<String> groupsOf(String username) {
        Set<String> groups = new LinkedHashSet<>();
        groups.add(AUTHENTICATED_GROUP);
        get(KubeSphereKind.USER, null, username).ifPresent(user -> {
            Object specGroups = IamObjects.section(user, "spec").get("groups");
            if (specGroups instanceof Collection<?> names) {
                names.forEach(n -> groups.add(String.valueOf(n)));
            }
        });
        for (GenericKubernetesResource binding : list(KubeSphereKind.GROUP_BINDING)) {
            if (IamObjects.groupBindingUsers(binding).contains(username)) {
                groups.add(IamObjects.groupBindingGroup(binding));
            }
        }
        groups.remove("");
        return groups;
    }

    /** KubeSphere 3.x has no such kind, so no account exists there. */
    @Override
    public boolean serviceAccountExists(ServiceAccountName account) {
        return get(KubeSphereKind.SERVICE_ACCOUNT, account.namespace(), account.name()).isPresent();
    }

    private KubeSphereVersion detectVersion() {
        if (mode.embedded()) {
            return KubeSphereVersion.V4; // what EmbeddedSeed imitates unless told otherwise
        }
        try {
            client.genericKubernetesResources(KubeSphereKind.GLOBAL_ROLE.context(KubeSphereVersion.V4))
                    .list(new ListOptionsBuilder().withLimit(1L).build());
            return KubeSphereVersion.V4;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return KubeSphereVersion.V3;
            }
            LOG.warnf("Could not tell the KubeSphere version (%s); assuming 4.x.", e.getMessage());
            return KubeSphereVersion.V4;
        }
    }

    private static List<String> workspaceIndex(GenericKubernetesResource object) {
        String workspace = labels(object).get(KubeSphereKind.WORKSPACE_LABEL);
        return workspace == null ? List.of() : List.of(workspace);
    }

    private static Map<String, String> labels(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }
}
