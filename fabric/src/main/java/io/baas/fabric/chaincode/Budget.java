package io.baas.fabric.chaincode;

import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.OVERSIZE;

/** What is left of the package limits while a package is being read. */
final class Budget {

    private long bytes;
    private int entries;

    Budget(PackageLimits limits) {
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
}
