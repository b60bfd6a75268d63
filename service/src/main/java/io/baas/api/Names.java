package io.baas.api;

/** Kubernetes naming rules that object names in paths and bodies must follow. */
public final class Names {

    public static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final java.util.regex.Pattern DNS_LABEL_PATTERN = java.util.regex.Pattern.compile(DNS_LABEL);

    private Names() {
    }

    public static boolean isDnsLabel(String value) {
        return value != null && value.length() <= 63 && DNS_LABEL_PATTERN.matcher(value).matches();
    }
}
