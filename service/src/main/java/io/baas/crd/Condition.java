package io.baas.crd;

import io.fabric8.generator.annotation.Required;

/**
 * A status condition as Kubernetes API conventions write it. Every kind uses the same three types
 * ({@link #READY}, {@link #PROGRESSING}, {@link #DEGRADED}) so tools and people read them alike;
 * peers and orderers add {@link #STORAGE_UNCHANGEABLE}.
 */
public class Condition {

    public static final String READY = "Ready";
    public static final String PROGRESSING = "Progressing";
    public static final String DEGRADED = "Degraded";
    /** True while part of a node's storage spec cannot be carried out (a shrink, a class change, expansion not allowed). */
    public static final String STORAGE_UNCHANGEABLE = "StorageUnchangeable";

    @Required
    public String type;
    /** "True", "False" or "Unknown". */
    @Required
    public String status;
    /** CamelCase, for programs. */
    public String reason;
    /** A sentence, for people. */
    public String message;
    public String lastTransitionTime;
    public Long observedGeneration;
}
