package io.baas.iam.rbac;

/** ks-apiserver's request scopes; decides which bindings are consulted. */
public enum ResourceScope {
    GLOBAL("Global"), CLUSTER("Cluster"), WORKSPACE("Workspace"), NAMESPACE("Namespace");

    private final String kubesphereName;

    ResourceScope(String kubesphereName) {
        this.kubesphereName = kubesphereName;
    }

    /** The word KubeSphere uses (RequestInfo.ResourceScope). */
    public String kubesphereName() {
        return kubesphereName;
    }
}
