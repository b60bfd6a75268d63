package io.baas.pki;

import java.util.regex.Pattern;

/** Checks for the names that end up in certificates, Kubernetes objects and file paths. */
public final class DnsNames {

    // RFC 1123 label: what Kubernetes calls a DNS-1123 label (namespaces).
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    // RFC 1035 label: Kubernetes Service names must also start with a letter.
    private static final Pattern SERVICE_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?");

    private DnsNames() {}

    /** Whether the name can be a Kubernetes Service's (RFC 1035 label, at most 63 characters). */
    public static boolean isServiceName(String name) {
        return name != null && name.length() <= 63 && SERVICE_LABEL.matcher(name).matches();
    }

    public static String requireServiceName(String name) {
        if (!isServiceName(name)) {
            throw new InvalidNameException("not a valid Service name (RFC 1035 label, at most 63 characters): '" + name + "'");
        }
        return name;
    }

    public static String requireNamespace(String name) {
        return requireLabel("namespace", name);
    }

    /** A Kubernetes object name that must also serve as a label value and a name prefix. */
    public static String requireResourceName(String name) {
        return requireLabel("resource name", name);
    }

    private static String requireLabel(String what, String name) {
        if (name == null || name.length() > 63 || !LABEL.matcher(name).matches()) {
            throw new InvalidNameException("not a valid " + what + " (RFC 1123 label, at most 63 characters): '" + name + "'");
        }
        return name;
    }

    /** A host name for a DNS SAN: dot-separated RFC 1123 labels, at most 253 characters, no wildcard. */
    public static String requireHostName(String name) {
        if (name == null || name.isEmpty() || name.length() > 253 || name.endsWith(".")) {
            throw new InvalidNameException("not a valid DNS host name: '" + name + "'");
        }
        for (String label : name.split("\\.", -1)) {
            if (label.length() > 63 || !HOST_LABEL.matcher(label).matches()) {
                throw new InvalidNameException("not a valid DNS host name: '" + name + "'");
            }
        }
        return name;
    }
}
