package io.baas.config;

/** The KubeSphere generation whose IAM objects the cluster holds. */
public enum KubeSphereVersion {
    V3, V4
}
