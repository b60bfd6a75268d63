package io.baas.k8s;

/** Kubernetes naming rules that object names in paths and bodies must follow. */
public final class Names {

    public static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final java.util.regex.Pattern DNS_LABEL_PATTERN = java.util.regex.Pattern.compile(DNS_LABEL);
    /** What Kubernetes allows as the name of most objects, custom resources included: dot-separated labels. */
    private static final java.util.regex.Pattern DNS_SUBDOMAIN_PATTERN = java.util.regex.Pattern.compile(DNS_LABEL + "(\\." + DNS_LABEL + ")*");

    private Names() {
    }

    public static boolean isDnsLabel(String value) {
        return value != null && value.length() <= 63 && DNS_LABEL_PATTERN.matcher(value).matches();
    }

    public static boolean isDnsSubdomain(String value) {
        return value != null && value.length() <= 253 && DNS_SUBDOMAIN_PATTERN.matcher(value).matches();
    }
}
