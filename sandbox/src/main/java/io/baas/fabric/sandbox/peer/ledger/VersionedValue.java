package io.baas.fabric.sandbox.peer.ledger;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version;

/** A committed value and the height (block, transaction) of the transaction that wrote it. */
public record VersionedValue(ByteString value, long blockNumber, long txNumber) {

    public Version version() {
        return Version.newBuilder().setBlockNum(blockNumber).setTxNum(txNumber).build();
    }
}
