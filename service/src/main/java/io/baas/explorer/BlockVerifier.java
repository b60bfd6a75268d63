package io.baas.explorer;

import io.baas.fabric.block.ConfigTransaction;
import io.baas.fabric.block.DecodedBlock;
import java.util.Optional;

/**
 * Verifies a channel's blocks in order from a block the platform trusts (its own genesis block):
 * that block by its header hash, every later one by its link to the one before, its data hash,
 * and its orderer signatures under the BlockValidation policy of the config in force (which a
 * verified config block replaces). A hash chain from a peer alone proves nothing: only the trusted
 * start and the signatures do. The validation codes are the peer's own, signed by no one.
 */
public final class BlockVerifier {

    static final String DATA_HASH_BROKEN = "its data hash is not the hash of the transactions it carries";

    private final DecodedBlock trusted;

    public BlockVerifier(DecodedBlock trusted) {
        this.trusted = trusted;
    }

    /** The checkpoint after {@code block}; a block that does not continue the chain is a {@link ChainBrokenException}. */
    public Checkpoint verify(Checkpoint at, DecodedBlock block) {
        long number = block.number();
        if (number != at.nextBlock()) {
            throw new ChainBrokenException(number, "block " + at.nextBlock() + " was expected");
        }
        if (!block.dataHashMatches()) {
            throw new ChainBrokenException(number, DATA_HASH_BROKEN);
        }
        TrustedConfig config;
        if (at.config().isEmpty()) {
            if (number != trusted.number() || !block.headerHash().equals(trusted.headerHash())) {
                throw new ChainBrokenException(number, "its header hash " + hex(block.headerHash().toByteArray())
                        + " is not the trusted block's " + hex(trusted.headerHash().toByteArray()));
            }
            config = configOf(block).map(c -> new TrustedConfig(c, number))
                    .orElseThrow(() -> new ChainBrokenException(number, "the trusted block is not a config block"));
        } else {
            TrustedConfig inForce = at.config().get();
            if (!at.lastHeaderHash().map(block.previousHash()::equals).orElse(false)) {
                throw new ChainBrokenException(number, "its previous hash is not the header hash of block " + (number - 1));
            }
            if (!inForce.signedByOrderingService(block.metadata().ordererSignatures())) {
                throw new ChainBrokenException(number, "its orderer signatures do not satisfy /Channel/Orderer/BlockValidation"
                        + " of the config of block " + inForce.blockNumber());
            }
            config = configOf(block).map(c -> new TrustedConfig(c, number)).orElse(inForce);
        }
        return new Checkpoint(number + 1, Optional.of(block.headerHash()), Optional.of(config));
    }

    private static Optional<org.hyperledger.fabric.protos.common.Config> configOf(DecodedBlock block) {
        return block.transactions().size() == 1
                ? block.transactions().get(0).config().map(ConfigTransaction::config)
                : Optional.empty();
    }

    static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
