package io.baas.crd;

import io.fabric8.crd.generator.annotation.PrinterColumn;
import java.util.ArrayList;
import java.util.List;

/** What a peer or orderer reports, including what others need to reach and trust it. */
public class NodeStatus {

    @PrinterColumn(name = "Phase")
    public String phase;
    /** host:port of each endpoint, by name (client, cluster, admin, operations, chaincode). */
    public java.util.Map<String, String> endpoints;
    /** When the node's certificates expire (the earliest of them). */
    public String certificateNotAfter;
    public Long observedGeneration;
    public List<Condition> conditions = new ArrayList<>();
}
