package io.baas.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * A status condition as Kubernetes API conventions write it. Every kind uses the same three types
 * ({@link #READY}, {@link #PROGRESSING}, {@link #DEGRADED}) so tools and people read them alike;
 * peers and orderers add {@link #STORAGE_UNCHANGEABLE}, channels {@link #EXPLORER_DEGRADED}.
 */
public class Condition {

    public static final String READY = "Ready";
    public static final String PROGRESSING = "Progressing";
    public static final String DEGRADED = "Degraded";
    /** True while part of a node's storage spec cannot be carried out (a shrink, a class change, expansion not allowed). */
    public static final String STORAGE_UNCHANGEABLE = "StorageUnchangeable";
    /** True while the explorer's index of a channel is stopped at a block that broke the verified chain. */
    public static final String EXPLORER_DEGRADED = "ExplorerDegraded";

    @JsonPropertyDescription("Ready, Progressing or Degraded; on peers and orderers also StorageUnchangeable, on channels ExplorerDegraded.")
    @Required
    public String type;
    /** "True", "False" or "Unknown". */
    @JsonPropertyDescription("True, False or Unknown.")
    @Required
    public String status;
    /** CamelCase, for programs. */
    @JsonPropertyDescription("Why, in CamelCase, for programs (e.g. NodeRunning, NamespaceConflict).")
    public String reason;
    /** A sentence, for people. */
    @JsonPropertyDescription("Why, as a sentence, for people.")
    public String message;
    @JsonPropertyDescription("When the status last changed (an ISO-8601 instant).")
    public String lastTransitionTime;
    @JsonPropertyDescription("The metadata.generation the condition was set for.")
    public Long observedGeneration;
}
