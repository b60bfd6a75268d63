package io.baas.crd;

import io.fabric8.generator.annotation.Required;

/**
 * A status condition as Kubernetes API conventions write it. Every kind uses the same three types
 * ({@link #READY}, {@link #PROGRESSING}, {@link #DEGRADED}) so tools and people read them alike.
 */
public class Condition {

    public static final String READY = "Ready";
    public static final String PROGRESSING = "Progressing";
    public static final String DEGRADED = "Degraded";

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
