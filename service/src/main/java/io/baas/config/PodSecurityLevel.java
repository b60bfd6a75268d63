package io.baas.config;

import java.util.Locale;

/**
 * The Pod Security Standard the consortium namespaces enforce (label
 * {@code pod-security.kubernetes.io/enforce}). The pods the builders make pass {@link #RESTRICTED};
 * a looser level is for clusters whose other workloads in those namespaces need it, and
 * {@link #NONE} leaves the namespaces unlabelled (the cluster's default applies).
 */
public enum PodSecurityLevel {
    RESTRICTED, BASELINE, PRIVILEGED, NONE;

    public static final String ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";
    public static final String ENFORCE_VERSION_LABEL = "pod-security.kubernetes.io/enforce-version";

    /** The label's value, or null for {@link #NONE}. */
    public String value() {
        return this == NONE ? null : name().toLowerCase(Locale.ROOT);
    }
}
