package io.baas.explorer;

/** A block that does not continue the verified chain: indexing of its channel stops there. */
public class ChainBrokenException extends RuntimeException {

    private final long blockNumber;

    public ChainBrokenException(long blockNumber, String reason) {
        super("Block " + blockNumber + ": " + reason);
        this.blockNumber = blockNumber;
    }

    public long blockNumber() {
        return blockNumber;
    }
}
