package io.baas.fabric.chaincode;

/**
 * Bounds on an uploaded package, checked while reading so a small gzip bomb cannot exhaust memory.
 *
 * @param maxPackageBytes the package file as uploaded
 * @param maxUncompressedBytes everything decompressed from it, nested code archive included
 * @param maxEntries tar entries, outer and inner together
 * @param maxEntryBytes one file inside the package or its code archive
 * @param maxCompressionRatio decompressed bytes per compressed byte of one gzip stream, checked once
 *                            it has given {@link #RATIO_FLOOR_BYTES}: code and jars compress a few
 *                            times, a bomb thousands of times
 */
public record PackageLimits(long maxPackageBytes, long maxUncompressedBytes, int maxEntries, long maxEntryBytes,
                            int maxCompressionRatio) {

    /** Below this many decompressed bytes the ratio is not checked (small text compresses very well). */
    public static final long RATIO_FLOOR_BYTES = 1L << 20;

    /** Fabric's default gRPC message limit is 100 MiB, so no peer would take a larger package. */
    public static final PackageLimits DEFAULT = new PackageLimits(100L << 20, 512L << 20, 100_000, 100L << 20, 200);

    public PackageLimits {
        if (maxPackageBytes < 1 || maxUncompressedBytes < 1 || maxEntries < 1 || maxEntryBytes < 1 || maxCompressionRatio < 1) {
            throw new IllegalArgumentException("package limits must be positive");
        }
    }

    /** The default per-entry and ratio bounds with these three. */
    public PackageLimits(long maxPackageBytes, long maxUncompressedBytes, int maxEntries) {
        this(maxPackageBytes, maxUncompressedBytes, maxEntries, DEFAULT.maxEntryBytes, DEFAULT.maxCompressionRatio);
    }

    /** The same bounds for a package of at most {@code bytes}. */
    public PackageLimits withMaxPackageBytes(long bytes) {
        return new PackageLimits(bytes, maxUncompressedBytes, maxEntries, maxEntryBytes, maxCompressionRatio);
    }
}
