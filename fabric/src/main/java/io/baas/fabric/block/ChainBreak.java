package io.baas.fabric.block;

/** A place where a sequence of blocks does not chain: which block, and why. */
public record ChainBreak(long blockNumber, String reason) {
}
