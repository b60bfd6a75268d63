package io.baas.iam.permission;

import io.baas.iam.permission.PermissionTable;
import io.baas.iam.permission.RoutePermission;
import io.baas.iam.rbac.ResourceScope;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * KubeSphere 4 RoleTemplates for every permission in the {@link PermissionTable}: per scope and
 * resource, a "view" template and, where the table has writes, a "manage" one. Their labels decide
 * which built-in roles aggregate them: members of a workspace (regular, viewer, self-provisioner)
 * and of a project (viewer, operator) see BaaS objects; project viewers and operators, and
 * workspace viewers in the workspace's projects, also verify (a create that writes nothing);
 * project operators also operate them; admins already hold everything.
 */
public final class RoleTemplateCatalog {

    public static final String API_VERSION = "iam.kubesphere.io/v1beta1";
    public static final String SCOPE_LABEL = "iam.kubesphere.io/scope";
    public static final String CATEGORY_LABEL = "iam.kubesphere.io/category";
    public static final String MANAGED_LABEL = "kubesphere.io/managed";
    public static final String DEPENDENCIES_ANNOTATION = "iam.kubesphere.io/dependencies";
    /** What the console's front end checks before it shows an action: {"<resource>": "view"|"manage"|"export"}. */
    public static final String RULES_ANNOTATION = "iam.kubesphere.io/role-template-rules";
    static final List<String> VIEW_VERBS = List.of("get", "list", "watch");
    static final List<String> EXPORT_VERBS = List.of("create");
    static final List<String> MANAGE_VERBS = List.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection");

    /** Display names of the resources, English and Chinese, for the console's role editor. */
    private static final Map<String, String[]> DISPLAY = Map.ofEntries(
            Map.entry("applications", new String[] {"Applications", "应用"}),
            Map.entry("auditlogs", new String[] {"Audit logs", "审计日志"}),
            Map.entry("chaincodepackages", new String[] {"Chaincode repository", "链码仓库"}),
            Map.entry("channels", new String[] {"Channels", "通道"}),
            Map.entry("connectionprofiles", new String[] {"Connection profiles", "连接配置"}),
            Map.entry("consortia", new String[] {"Consortia", "联盟"}),
            Map.entry("fabricnodes", new String[] {"Fabric nodes", "区块链节点"}),
            Map.entry("invitations", new String[] {"Invitations", "邀请"}),
            Map.entry("notifications", new String[] {"Notifications", "待办通知"}),
            Map.entry("orderers", new String[] {"Orderers", "排序节点"}),
            Map.entry("organizations", new String[] {"Organizations", "组织"}),
            Map.entry("peers", new String[] {"Peers", "对等节点"}));

    private RoleTemplateCatalog() {
    }

    public static List<GenericKubernetesResource> roleTemplates() {
        return roleTemplates(PermissionTable.ROUTES);
    }

    static List<GenericKubernetesResource> roleTemplates(List<RoutePermission> routes) {
        Map<String, TemplateKey> keys = new TreeMap<>();
        Map<String, java.util.Set<String>> routeVerbs = new java.util.HashMap<>();
        for (RoutePermission route : routes) {
            TemplateKey key = new TemplateKey(kubesphereScope(route.scope()), route.qualifiedResource(), route.access());
            keys.put(key.name(), key);
            routeVerbs.computeIfAbsent(key.name(), k -> new java.util.TreeSet<>()).add(route.verb());
            if (route.access() == RoutePermission.Access.VERIFY && route.scope() == ResourceScope.NAMESPACE) {
                // A workspace's viewers see its projects through their workspace role: they verify there too.
                TemplateKey workspace = new TemplateKey("workspace", route.qualifiedResource(), route.access());
                keys.put(workspace.name(), workspace);
            }
        }
        List<GenericKubernetesResource> templates = new ArrayList<>();
        for (TemplateKey key : keys.values()) {
            templates.add(template(key, keys.containsKey(key.with(RoutePermission.Access.VIEW).name()),
                    List.copyOf(routeVerbs.getOrDefault(key.name(), java.util.Set.of()))));
        }
        return templates;
    }

    /** The RoleTemplate scope of a request scope: cluster-wide BaaS routes are platform-level. */
    public static String kubesphereScope(ResourceScope scope) {
        return switch (scope) {
            case GLOBAL, CLUSTER -> "global";
            case WORKSPACE -> "workspace";
            case NAMESPACE -> "namespace";
        };
    }

    /** @param routeVerbs the verbs of the routes the template stands for: what an export, signing or verifying template grants */
    private static GenericKubernetesResource template(TemplateKey key, boolean hasViewTemplate, List<String> routeVerbs) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(SCOPE_LABEL, key.scope());
        labels.put(CATEGORY_LABEL, category(key.scope()));
        labels.put(MANAGED_LABEL, "true");
        labels.putAll(aggregationLabels(key));
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(RULES_ANNOTATION, consoleRules(key));
        if (key.access() != RoutePermission.Access.VIEW && hasViewTemplate) {
            annotations.put(DEPENDENCIES_ANNOTATION, "[\"" + key.with(RoutePermission.Access.VIEW).name() + "\"]");
        }
        String[] display = DISPLAY.getOrDefault(key.resource().split("/")[0], new String[] {key.resource(), key.resource()});
        Map<String, Object> spec = new LinkedHashMap<>();
        String[] verb = switch (key.access()) {
            case VIEW -> new String[] {"View ", "查看"};
            case MANAGE -> new String[] {"Manage ", "管理"};
            case EXPORT -> new String[] {"Export ", "导出"};
            case SIGN -> new String[] {"Sign for ", "签署"};
            case VERIFY -> new String[] {"Verify with ", "验证"};
        };
        spec.put("displayName", Map.of("en", verb[0] + display[0] + suffix(key.resource()),
                "zh", verb[1] + display[1] + suffix(key.resource())));
        spec.put("rules", List.of(Map.of(
                "apiGroups", List.of(PermissionTable.GROUP),
                "resources", List.of(key.resource()),
                "verbs", switch (key.access()) {
                    case VIEW -> VIEW_VERBS;
                    case MANAGE -> MANAGE_VERBS;
                    case EXPORT, SIGN, VERIFY -> routeVerbs.isEmpty() ? EXPORT_VERBS : routeVerbs;
                })));
        GenericKubernetesResource template = new GenericKubernetesResource();
        template.setApiVersion(API_VERSION);
        template.setKind("RoleTemplate");
        template.setMetadata(new ObjectMetaBuilder().withName(key.name()).withLabels(labels).withAnnotations(annotations).build());
        template.setAdditionalProperty("spec", spec);
        return template;
    }

    /** The Category of the role editor that groups a scope's BaaS templates. */
    public static String category(String scope) {
        return "baas-" + scope;
    }

    /**
     * One Category per scope that has templates ({@code iam.kubesphere.io/v1beta1}), named as the
     * templates' category label says, so the role editor shows them under "Blockchain".
     */
    public static List<GenericKubernetesResource> categories() {
        Map<String, GenericKubernetesResource> categories = new TreeMap<>();
        for (GenericKubernetesResource template : roleTemplates()) {
            String scope = template.getMetadata().getLabels().get(SCOPE_LABEL);
            GenericKubernetesResource category = new GenericKubernetesResource();
            category.setApiVersion(API_VERSION);
            category.setKind("Category");
            category.setMetadata(new ObjectMetaBuilder().withName(category(scope))
                    .withLabels(Map.of(SCOPE_LABEL, scope, MANAGED_LABEL, "true")).build());
            category.setAdditionalProperty("spec", Map.of("displayName", Map.of("en", "Blockchain", "zh", "区块链")));
            categories.put(category(scope), category);
        }
        return List.copyOf(categories.values());
    }

    /**
     * KubeSphere 3.x's role templates for the same permissions: v1alpha2 GlobalRoles and
     * WorkspaceRoles labelled {@code iam.kubesphere.io/role-template: "true"}, which its role editor
     * offers (module "Blockchain"). Namespace-scoped permissions have none: 3.x keeps project role
     * templates as Roles inside each project, which an installer cannot ship.
     */
    @SuppressWarnings("unchecked")
    public static List<GenericKubernetesResource> v3RoleTemplates() {
        List<GenericKubernetesResource> result = new ArrayList<>();
        for (GenericKubernetesResource v4 : roleTemplates()) {
            String scope = v4.getMetadata().getLabels().get(SCOPE_LABEL);
            String kind = switch (scope) {
                case "global" -> "GlobalRole";
                case "workspace" -> "WorkspaceRole";
                default -> null;
            };
            if (kind == null) {
                continue;
            }
            Map<String, Object> spec = (Map<String, Object>) v4.getAdditionalProperties().get("spec");
            Map<String, String> display = (Map<String, String>) spec.get("displayName");
            Map<String, String> annotations = new LinkedHashMap<>();
            annotations.put("iam.kubesphere.io/module", "Blockchain");
            annotations.put(RULES_ANNOTATION, v4.getMetadata().getAnnotations().get(RULES_ANNOTATION));
            annotations.put("kubesphere.io/alias-name", display.get("en"));
            String dependencies = v4.getMetadata().getAnnotations().get(DEPENDENCIES_ANNOTATION);
            if (dependencies != null) {
                annotations.put(DEPENDENCIES_ANNOTATION, dependencies.replace("\"baas-", "\"role-template-baas-"));
            }
            GenericKubernetesResource template = new GenericKubernetesResource();
            template.setApiVersion("iam.kubesphere.io/v1alpha2");
            template.setKind(kind);
            template.setMetadata(new ObjectMetaBuilder().withName("role-template-" + v4.getMetadata().getName())
                    .withLabels(Map.of("iam.kubesphere.io/role-template", "true")).withAnnotations(annotations).build());
            template.setAdditionalProperty("rules", spec.get("rules"));
            result.add(template);
        }
        return result;
    }

    private static String consoleRules(TemplateKey key) {
        return "{\"" + key.resource().replace('/', '-') + "\": \"" + key.access().name().toLowerCase() + "\"}";
    }

    private static Map<String, String> aggregationLabels(TemplateKey key) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (key.access() == RoutePermission.Access.EXPORT || key.access() == RoutePermission.Access.SIGN) {
            return labels; // secrets leave, and held keys sign, only for those granted this template or holding admin's "*"
        }
        boolean view = key.access() == RoutePermission.Access.VIEW || key.access() == RoutePermission.Access.VERIFY;
        switch (key.scope()) {
            case "workspace" -> {
                if (key.access() == RoutePermission.Access.VERIFY) {
                    // Of a project's resource: the workspace viewer reaches the workspace's projects (get on "*"), the other members do not.
                    labels.put("iam.kubesphere.io/aggregate-to-viewer", "");
                } else if (view) {
                    labels.put("iam.kubesphere.io/aggregate-to-regular", "");
                    labels.put("iam.kubesphere.io/aggregate-to-viewer", "");
                    labels.put("iam.kubesphere.io/aggregate-to-self-provisioner", "");
                }
            }
            case "namespace" -> {
                labels.put("iam.kubesphere.io/aggregate-to-operator", "");
                if (view) {
                    labels.put("iam.kubesphere.io/aggregate-to-viewer", "");
                }
            }
            default -> { }
        }
        return labels;
    }

    private static String suffix(String qualifiedResource) {
        int slash = qualifiedResource.indexOf('/');
        return slash < 0 ? "" : " (" + qualifiedResource.substring(slash + 1) + ")";
    }

    record TemplateKey(String scope, String resource, RoutePermission.Access access) {

        String name() {
            return "baas-" + scope + "-" + access.name().toLowerCase() + "-" + resource.replace('/', '-');
        }

        TemplateKey with(RoutePermission.Access other) {
            return new TemplateKey(scope, resource, other);
        }
    }
}
