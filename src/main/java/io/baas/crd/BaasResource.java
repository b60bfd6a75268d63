package io.baas.crd;

/** Names shared by every baas.io custom resource. */
public final class BaasResource {

    public static final String GROUP = "baas.io";
    public static final String VERSION = "v1";
    /** Label on every object the service manages, and on Organizations: the KubeSphere workspace. */
    public static final String WORKSPACE_LABEL = "kubesphere.io/workspace";
    public static final String CONSORTIUM_LABEL = "baas.io/consortium";

    private BaasResource() {
    }
}
