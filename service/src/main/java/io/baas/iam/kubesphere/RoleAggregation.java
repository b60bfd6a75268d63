package io.baas.iam.kubesphere;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What KubeSphere 4's role controllers do with {@code aggregationRoleTemplates}: with a
 * roleSelector, take every RoleTemplate matching it plus {@code iam.kubesphere.io/scope=<scope of
 * the role>}; without one, the named templates. Their rules are appended to the role's own, never
 * replacing them. Pure: returns a new role.
 */
public final class RoleAggregation {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SCOPE_LABEL = "iam.kubesphere.io/scope";

    private RoleAggregation() {
    }

    @SuppressWarnings("unchecked")
    public static GenericKubernetesResource aggregate(GenericKubernetesResource role, String roleScope,
                                                      List<GenericKubernetesResource> templates) {
        Map<String, Object> aggregation = IamObjects.section(role, "aggregationRoleTemplates");
        GenericKubernetesResource result = JSON.convertValue(JSON.convertValue(role, Map.class), GenericKubernetesResource.class);
        if (aggregation.isEmpty()) {
            return result;
        }
        List<GenericKubernetesResource> chosen = new ArrayList<>();
        Object selectorValue = aggregation.get("roleSelector");
        if (selectorValue != null) {
            LabelSelector selector = JSON.convertValue(selectorValue, LabelSelector.class);
            for (GenericKubernetesResource template : templates) {
                Map<String, String> labels = labels(template);
                if (roleScope.equals(labels.get(SCOPE_LABEL)) && matches(selector, labels)) {
                    chosen.add(template);
                }
            }
        } else {
            List<String> names = (List<String>) aggregation.getOrDefault("templateNames", List.of());
            for (GenericKubernetesResource template : templates) {
                if (names.contains(template.getMetadata().getName())) {
                    chosen.add(template);
                }
            }
        }
        Set<Object> rules = new LinkedHashSet<>((List<Object>) role.getAdditionalProperties().getOrDefault("rules", List.of()));
        List<String> templateNames = new ArrayList<>();
        for (GenericKubernetesResource template : chosen) {
            rules.addAll((List<Object>) IamObjects.section(template, "spec").getOrDefault("rules", List.of()));
            templateNames.add(template.getMetadata().getName());
        }
        result.setAdditionalProperty("rules", new ArrayList<>(rules));
        Map<String, Object> newAggregation = new HashMap<>(aggregation);
        newAggregation.put("templateNames", templateNames);
        result.setAdditionalProperty("aggregationRoleTemplates", newAggregation);
        return result;
    }

    /** Kubernetes label selector semantics: every matchLabels pair and every expression must hold. */
    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> entry : selector.getMatchLabels().entrySet()) {
                if (!entry.getValue().equals(labels.get(entry.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
                String value = labels.get(requirement.getKey());
                List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
                boolean ok = switch (requirement.getOperator()) {
                    case "In" -> value != null && values.contains(value);
                    case "NotIn" -> value == null || !values.contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> false;
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Map<String, String> labels(GenericKubernetesResource resource) {
        Map<String, String> labels = resource.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }
}
