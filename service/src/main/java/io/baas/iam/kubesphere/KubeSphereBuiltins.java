package io.baas.iam.kubesphere;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.baas.k8s.KubeSphereKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * KubeSphere 4's built-in roles (resource {@code kubesphere/builtin-roles.yaml}) and what its
 * controllers make of them: global and cluster roles with their templates aggregated, and the
 * per-workspace ({@code <ws>-admin}, ...) and per-project ({@code admin}, {@code operator},
 * {@code viewer}) copies of the BuiltinRoles. Pure.
 */
public final class KubeSphereBuiltins {

    private static final String RESOURCE = "/kubesphere/builtin-roles.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<GenericKubernetesResource> objects;
    private final List<GenericKubernetesResource> templates;

    public KubeSphereBuiltins(List<GenericKubernetesResource> roleTemplates) {
        this.objects = load();
        this.templates = List.copyOf(roleTemplates);
    }

    /** GlobalRoles and ClusterRoles (aggregated), GlobalRoleBindings and the BuiltinRoles themselves. */
    public List<GenericKubernetesResource> platformObjects() {
        List<GenericKubernetesResource> result = new ArrayList<>();
        for (GenericKubernetesResource object : objects) {
            switch (object.getKind()) {
                case "GlobalRole" -> result.add(RoleAggregation.aggregate(object, "global", templates));
                case "ClusterRole" -> result.add(RoleAggregation.aggregate(object, "cluster", templates));
                default -> result.add(object);
            }
        }
        return result;
    }

    /** The WorkspaceRoles KubeSphere creates for a new workspace: {@code <ws>-admin}, {@code <ws>-regular}, ... */
    public List<GenericKubernetesResource> workspaceRoles(String workspace) {
        List<GenericKubernetesResource> roles = new ArrayList<>();
        for (GenericKubernetesResource builtin : builtinRoles("workspace")) {
            GenericKubernetesResource role = embeddedRole(builtin);
            ObjectMeta meta = role.getMetadata();
            meta.setName(workspaceRoleName(workspace, meta.getName()));
            labels(meta).put(KubeSphereKind.WORKSPACE_LABEL, workspace);
            roles.add(RoleAggregation.aggregate(role, "workspace", templates));
        }
        return roles;
    }

    /** The Roles KubeSphere creates in a managed namespace (project) of a workspace. */
    public List<GenericKubernetesResource> projectRoles(String namespace, Map<String, String> namespaceLabels) {
        List<GenericKubernetesResource> roles = new ArrayList<>();
        if (!namespaceLabels.containsKey(KubeSphereKind.WORKSPACE_LABEL)) {
            return roles;
        }
        for (GenericKubernetesResource builtin : builtinRoles("namespace")) {
            Object target = builtin.getAdditionalProperties().get("targetSelector");
            if (target != null && !RoleAggregation.matches(JSON.convertValue(target, LabelSelector.class), namespaceLabels)) {
                continue;
            }
            GenericKubernetesResource role = embeddedRole(builtin);
            role.getMetadata().setNamespace(namespace);
            roles.add(RoleAggregation.aggregate(role, "namespace", templates));
        }
        return roles;
    }

    /** {@code <ws>-<role>}, or {@code <role>.<hash>} when that would exceed a label's 63 characters, as KubeSphere names them. */
    public static String workspaceRoleName(String workspace, String role) {
        String name = workspace + "-" + role;
        if (name.length() <= 63) {
            return name;
        }
        return role + "." + Integer.toUnsignedString(fnv32a(workspace));
    }

    private List<GenericKubernetesResource> builtinRoles(String scope) {
        return objects.stream()
                .filter(o -> o.getKind().equals("BuiltinRole"))
                .filter(o -> scope.equals(labels(o.getMetadata()).get(RoleAggregation.SCOPE_LABEL)))
                .toList();
    }

    private static GenericKubernetesResource embeddedRole(GenericKubernetesResource builtin) {
        return JSON.convertValue(builtin.getAdditionalProperties().get("role"), GenericKubernetesResource.class);
    }

    private static Map<String, String> labels(ObjectMeta meta) {
        if (meta.getLabels() == null) {
            meta.setLabels(new HashMap<>());
        } else if (!(meta.getLabels() instanceof HashMap)) {
            meta.setLabels(new HashMap<>(meta.getLabels()));
        }
        return meta.getLabels();
    }

    private static List<GenericKubernetesResource> load() {
        try (InputStream in = KubeSphereBuiltins.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            List<GenericKubernetesResource> result = new ArrayList<>();
            try (MappingIterator<GenericKubernetesResource> documents = YAML.readerFor(GenericKubernetesResource.class).readValues(in)) {
                while (documents.hasNext()) {
                    GenericKubernetesResource document = documents.next();
                    if (document != null && document.getKind() != null) {
                        result.add(document);
                    }
                }
            }
            return List.copyOf(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int fnv32a(String text) {
        int hash = 0x811c9dc5;
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            hash ^= (b & 0xff);
            hash *= 0x01000193;
        }
        return hash;
    }
}
