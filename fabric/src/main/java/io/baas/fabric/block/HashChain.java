package io.baas.fabric.block;

import java.util.ArrayList;
import java.util.List;

/** Checks that consecutive blocks link by header hash and carry the envelopes their headers hash. */
public final class HashChain {

    private HashChain() {
    }

    /** Every break in the given blocks, in order; empty when they form an intact chain segment. */
    public static List<ChainBreak> verify(List<DecodedBlock> blocks) {
        List<ChainBreak> breaks = new ArrayList<>();
        DecodedBlock previous = null;
        for (DecodedBlock block : blocks) {
            if (!block.dataHashMatches()) {
                breaks.add(new ChainBreak(block.number(), "data hash does not match the envelopes"));
            }
            if (previous != null && block.number() != previous.number() + 1) {
                breaks.add(new ChainBreak(block.number(), "follows block " + previous.number()));
            } else if (previous != null && !block.previousHash().equals(previous.headerHash())) {
                breaks.add(new ChainBreak(block.number(), "previous hash is not the header hash of block " + previous.number()));
            }
            previous = block;
        }
        return List.copyOf(breaks);
    }
}
