package io.baas.consortium;

import io.baas.crd.Storage;

/**
 * What may change on a running node: its ledger volume (it grows where the StorageClass allows;
 * it never shrinks or moves, which the node's StorageUnchangeable condition reports) and its
 * container resources. Unset fields stay as they are.
 */
public record NodeChange(Storage storage, NodeResources resources) {
}
