package io.baas.fabric.chaincode;

import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.OVERSIZE;

/** What is left of the package limits while a package is being read. */
final class Budget {

    private final PackageLimits limits;
    private long bytes;
    private int entries;

    Budget(PackageLimits limits) {
        this.limits = limits;
        this.bytes = limits.maxUncompressedBytes();
        this.entries = limits.maxEntries();
    }

    long remainingBytes() {
        return bytes;
    }

    void spendBytes(long count) {
        bytes -= count;
        if (bytes < 0) {
            throw new ChaincodePackageException(OVERSIZE, "package decompresses to more than the allowed size");
        }
    }

    void spendEntry() {
        if (--entries < 0) {
            throw new ChaincodePackageException(OVERSIZE, "package has more tar entries than allowed");
        }
    }

    /** Fails when one entry is larger than a single file may be. */
    void checkEntry(String what, String name, long size) {
        if (size > limits.maxEntryBytes()) {
            throw new ChaincodePackageException(OVERSIZE, what + " entry " + name + " is " + size + " bytes, more than the "
                    + limits.maxEntryBytes() + " allowed for one file");
        }
    }

    /** Fails when a gzip stream has inflated {@code compressed} bytes into far more than any honest archive does. */
    void checkRatio(String what, long compressed, long decompressed) {
        if (decompressed > PackageLimits.RATIO_FLOOR_BYTES && decompressed > compressed * limits.maxCompressionRatio()) {
            throw new ChaincodePackageException(OVERSIZE, what + " inflates more than " + limits.maxCompressionRatio()
                    + " times its compressed size (" + compressed + " bytes): a compression bomb");
        }
    }
}
