package io.baas.iam.permission;

import io.baas.iam.permission.PermissionTable;
import io.baas.iam.permission.RoleTemplateCatalog;
import io.baas.iam.permission.RoutePermission;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;

/** Renders the permission table and its RoleTemplates as {@code docs/permissions.md}. */
public final class PermissionDocument {

    private PermissionDocument() {
    }

    @SuppressWarnings("unchecked")
    public static String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Permissions\n\n")
                .append("Generated from `io.baas.iam.permission.PermissionTable` by `PermissionTableTest`; do not edit by hand.\n")
                .append("Run `./mvnw test -pl service -am -Dtest=PermissionTableTest -Dsurefire.failIfNoSpecifiedTests=false -Dwrite.permissions.doc=true` after changing routes.\n\n")
                .append("Each route is authorized as ks-apiserver derives it from the path (docs/architecture.md): API group `")
                .append(PermissionTable.GROUP).append("`, the scope, the resource and subresource, and the verb.\n\n")
                .append("| method | path | scope | resource | subresource | verb |\n")
                .append("|---|---|---|---|---|---|\n");
        for (RoutePermission route : PermissionTable.ROUTES) {
            md.append("| ").append(route.method())
                    .append(" | `").append(route.path()).append('`')
                    .append(" | ").append(route.scope().kubesphereName())
                    .append(" | ").append(route.resource())
                    .append(" | ").append(route.subresource().isEmpty() ? "-" : route.subresource())
                    .append(" | ").append(route.verb()).append(" |\n");
        }
        md.append("\n## RoleTemplates\n\n")
                .append("KubeSphere 4 RoleTemplates generated from the table. The aggregation labels decide which built-in roles\n")
                .append("receive them; admins of every scope already hold `*`.\n\n")
                .append("| name | scope | resources | verbs | aggregated into |\n")
                .append("|---|---|---|---|---|\n");
        for (GenericKubernetesResource template : RoleTemplateCatalog.roleTemplates()) {
            Map<String, String> labels = template.getMetadata().getLabels();
            Map<String, Object> spec = (Map<String, Object>) template.getAdditionalProperties().get("spec");
            Map<String, Object> rule = ((List<Map<String, Object>>) spec.get("rules")).get(0);
            List<String> into = labels.keySet().stream()
                    .filter(k -> k.startsWith("iam.kubesphere.io/aggregate-to-"))
                    .map(k -> k.substring("iam.kubesphere.io/aggregate-to-".length()))
                    .sorted().toList();
            md.append("| ").append(template.getMetadata().getName())
                    .append(" | ").append(labels.get(RoleTemplateCatalog.SCOPE_LABEL))
                    .append(" | ").append(String.join(", ", (List<String>) rule.get("resources")))
                    .append(" | ").append(String.join(", ", (List<String>) rule.get("verbs")))
                    .append(" | ").append(into.isEmpty() ? "-" : String.join(", ", into)).append(" |\n");
        }
        md.append("\n## What a conflict reveals\n\n")
                .append("Organization names and MSP IDs are unique cluster-wide, as Kubernetes names of cluster-scoped\n")
                .append("resources are: an Organization is one, and a channel cannot tell two organizations with one MSP ID\n")
                .append("apart. Both are claimed atomically (table `organization_claim`) before any CA is made. So a create\n")
                .append("that answers 409 `Conflict` tells a workspace admin that the name or the MSP ID is taken somewhere\n")
                .append("in the cluster, and nothing more: not by whom, not in which workspace; everything else about another\n")
                .append("workspace's organization answers 404, as if it did not exist. Claims are freed when the\n")
                .append("organization is deleted.\n");
        return md.toString();
    }
}
