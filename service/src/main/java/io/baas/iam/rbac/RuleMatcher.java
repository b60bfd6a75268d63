package io.baas.iam.rbac;

import java.util.List;

/** Kubernetes' rule matching, as KubeSphere copies it: exact names or {@code *}, {@code *}/sub, no {@code res/*}. */
final class RuleMatcher {

    private RuleMatcher() {
    }

    static boolean allows(Rule rule, RequestAttributes request) {
        if (!request.resourceRequest()) {
            return matchesAny(rule.verbs(), request.verb()) && nonResourceUrlMatches(rule.nonResourceURLs(), request.path());
        }
        return matchesAny(rule.verbs(), request.verb())
                && matchesAny(rule.apiGroups(), request.apiGroup())
                && resourceMatches(rule.resources(), request)
                && (rule.resourceNames().isEmpty() || rule.resourceNames().contains(request.name()));
    }

    private static boolean matchesAny(List<String> allowed, String requested) {
        return allowed.contains("*") || allowed.contains(requested);
    }

    private static boolean resourceMatches(List<String> resources, RequestAttributes request) {
        String combined = request.qualifiedResource();
        for (String resource : resources) {
            if (resource.equals("*") || resource.equals(combined)) {
                return true;
            }
            if (!request.subresource().isEmpty() && resource.equals("*/" + request.subresource())) {
                return true;
            }
        }
        return false;
    }

    private static boolean nonResourceUrlMatches(List<String> urls, String path) {
        for (String url : urls) {
            if (url.equals("*") || url.equals(path)) {
                return true;
            }
            if (url.endsWith("*") && path.startsWith(url.substring(0, url.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
