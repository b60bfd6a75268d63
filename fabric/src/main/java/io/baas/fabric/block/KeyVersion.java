package io.baas.fabric.block;

import java.util.Optional;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version;

/** The height (block, transaction) that last wrote a key; absent for a key read before it existed. */
public record KeyVersion(long blockNumber, long txNumber) {

    static Optional<KeyVersion> of(boolean present, Version version) {
        return present ? Optional.of(new KeyVersion(version.getBlockNum(), version.getTxNum())) : Optional.empty();
    }
}
