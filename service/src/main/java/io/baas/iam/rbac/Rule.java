package io.baas.iam.rbac;

import java.util.List;

/** A policy rule as Kubernetes and KubeSphere write it. */
public record Rule(List<String> verbs, List<String> apiGroups, List<String> resources, List<String> resourceNames,
                   List<String> nonResourceURLs) {

    public Rule {
        verbs = copy(verbs);
        apiGroups = copy(apiGroups);
        resources = copy(resources);
        resourceNames = copy(resourceNames);
        nonResourceURLs = copy(nonResourceURLs);
    }

    public static Rule of(List<String> apiGroups, List<String> resources, List<String> verbs) {
        return new Rule(verbs, apiGroups, resources, List.of(), List.of());
    }

    private static List<String> copy(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
