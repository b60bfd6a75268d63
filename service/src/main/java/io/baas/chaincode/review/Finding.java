package io.baas.chaincode.review;

/**
 * One thing a review should look at in uploaded chaincode: what kind, how serious, where.
 *
 * @param method the method's name and descriptor, e.g. {@code create(Lorg/hyperledger/fabric/contract/Context;)V}
 * @param detail what was found, e.g. {@code calls java.lang.System.currentTimeMillis}
 */
public record Finding(Category category, Severity severity, String className, String method, String detail) {

    /** What breaks endorsement determinism or leaves the chaincode's sandbox. */
    public enum Category {
        /** Reading the clock: peers endorse at different times, so their results differ. */
        WALL_CLOCK,
        /** Random values: each endorsing peer draws its own. */
        RANDOMNESS,
        /** Threads and asynchronous work: order and timing differ between peers. */
        THREADS,
        /** Files: state outside the ledger, different on every peer. */
        FILE_IO,
        /** Network calls: answers outside the ledger, different on every peer. */
        NETWORK_IO,
        /** Reflection: code whose behaviour a review cannot read. */
        REFLECTION,
        /** Iterating a hash map or set in a method that writes state: the order, and so the write set, may differ. */
        UNORDERED_ITERATION
    }

    public enum Severity { HIGH, MEDIUM }
}
