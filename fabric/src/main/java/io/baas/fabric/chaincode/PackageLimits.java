package io.baas.fabric.chaincode;

/**
 * Bounds on an uploaded package, checked while reading so a small gzip bomb cannot exhaust memory.
 *
 * @param maxPackageBytes the package file as uploaded
 * @param maxUncompressedBytes everything decompressed from it, nested code archive included
 * @param maxEntries tar entries, outer and inner together
 */
public record PackageLimits(long maxPackageBytes, long maxUncompressedBytes, int maxEntries) {

    /** Fabric's default gRPC message limit is 100 MiB, so no peer would take a larger package. */
    public static final PackageLimits DEFAULT = new PackageLimits(100L << 20, 512L << 20, 100_000);
}
