package io.baas.consortium;

import io.baas.error.FieldError;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CPU and memory of a node's container, as Kubernetes writes them ({"requests": {"cpu": "500m"},
 * "limits": {"memory": "2Gi"}}); only cpu and memory, each a valid quantity.
 */
public record NodeResources(Map<String, String> requests, Map<String, String> limits) {

    private static final Set<String> NAMES = Set.of("cpu", "memory");

    /** Field errors under {@code prefix} (e.g. body.resources). */
    void validate(String prefix, List<FieldError> errors) {
        check(prefix + ".requests", requests, errors);
        check(prefix + ".limits", limits, errors);
    }

    private static void check(String field, Map<String, String> values, List<FieldError> errors) {
        if (values == null) {
            return;
        }
        values.forEach((name, value) -> {
            if (!NAMES.contains(name)) {
                errors.add(new FieldError(field + "." + name, "must be cpu or memory"));
            } else if (!NodeSpecs.isQuantity(value)) {
                errors.add(new FieldError(field + "." + name, "must be a Kubernetes quantity such as 500m or 2Gi"));
            }
        });
    }

    ResourceRequirements toKubernetes() {
        return new ResourceRequirementsBuilder().withRequests(quantities(requests)).withLimits(quantities(limits)).build();
    }

    private static Map<String, Quantity> quantities(Map<String, String> values) {
        Map<String, Quantity> quantities = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((name, value) -> quantities.put(name, new Quantity(value)));
        }
        return quantities;
    }
}
