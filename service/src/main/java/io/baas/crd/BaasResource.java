package io.baas.crd;

/** Names shared by every baas.io custom resource. */
public final class BaasResource {

    public static final String GROUP = "baas.io";
    public static final String VERSION = "v1";
    /** Label on every object the service manages, and on Organizations: the KubeSphere workspace. */
    public static final String WORKSPACE_LABEL = "kubesphere.io/workspace";
    public static final String CONSORTIUM_LABEL = "baas.io/consortium";
    public static final String ORGANIZATION_LABEL = "baas.io/organization";
    /** Kubernetes DNS-1123 label, for names that become parts of namespaces, Services and labels. */
    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";
    /** A Fabric release such as 2.5.5 (image tags). */
    public static final String VERSION_PATTERN = "^[0-9]+\\.[0-9]+(\\.[0-9]+)?$";
    /** An MSP ID: plain, since it becomes part of policy paths and file names. */
    public static final String MSP_ID = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

    private BaasResource() {
    }
}
