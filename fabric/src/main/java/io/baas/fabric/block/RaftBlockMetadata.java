package io.baas.fabric.block;

import java.util.List;

/** etcdraft's consenter metadata, stored by the orderer in each block it signs. */
public record RaftBlockMetadata(List<Long> consenterIds, long nextConsenterId, long raftIndex) {
}
