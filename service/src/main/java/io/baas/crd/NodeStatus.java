package io.baas.crd;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import java.util.ArrayList;
import java.util.List;

/** What a peer or orderer reports, including what others need to reach and trust it. */
public class NodeStatus implements ObservedStatus {

    @JsonPropertyDescription("Deploying (pod not ready yet), Running (the node answers its health check) or Degraded (the conditions say why).")
    @PrinterColumn(name = "Phase")
    public Phase phase;
    /** host:port of each endpoint, by name (client, cluster, admin, operations, chaincode). */
    @JsonPropertyDescription("host:port of each endpoint, by name (client, cluster, admin, operations, chaincode), for others to reach the node.")
    public java.util.Map<String, String> endpoints;
    /** When the node's certificates expire (the earliest of them). */
    @JsonPropertyDescription("When the earliest of the node's certificates expires (an ISO-8601 instant).")
    public String certificateNotAfter;
    @JsonPropertyDescription("The metadata.generation of the spec the last pass acted on.")
    public Long observedGeneration;

    @Override
    public void observe(long generation) {
        observedGeneration = generation;
    }

    /** The phases of the status, as written (kubectl and the console show these words). */
    public enum Phase {
        @JsonProperty("Deploying")
        DEPLOYING,
        @JsonProperty("Running")
        RUNNING,
        @JsonProperty("Degraded")
        DEGRADED;
    }

    @JsonPropertyDescription("Ready, Progressing, Degraded and StorageUnchangeable conditions with reasons, as the last pass found the node.")
    public List<Condition> conditions = new ArrayList<>();
}
