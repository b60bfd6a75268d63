package io.baas.consortium;

import io.baas.crd.StateDatabase;
import io.baas.crd.Storage;
import io.baas.k8s.DnsLabel;

/**
 * A peer a member adds by hand in its namespace: its name, world state store (LevelDB by default,
 * or CouchDB), ledger volume and container resources; the platform's defaults for what is unset.
 */
public record NewPeer(@DnsLabel String name, StateDatabase stateDatabase, Storage storage, NodeResources resources) {
}
