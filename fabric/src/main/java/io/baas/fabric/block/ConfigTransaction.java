package io.baas.fabric.block;

import java.util.Optional;
import org.hyperledger.fabric.protos.common.Config;

/** The channel configuration a CONFIG transaction sets; the genesis block has no last update. */
public record ConfigTransaction(long sequence, Config config, Optional<ConfigUpdateTransaction> lastUpdate) {
}
