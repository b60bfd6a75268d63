package io.baas.fabric.chaincode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Gzip exactly as GNU gzip writes a piped stream at its default level 6 (no file name, mtime 0,
 * XFL 0, OS 3 = Unix), so a package is byte-identical with one made by Fabric's CCaaS samples'
 * {@code tar -czf}: Commons Compress writes that header for these parameters, and zlib's level-6
 * deflate, which the JDK's Deflater under it wraps, the same compressed bytes. The fixture
 * package test guards both.
 */
final class GzipWriter {

    private static final int GNU_GZIP_DEFAULT_LEVEL = 6;
    private static final int OS_UNIX = 3;

    private GzipWriter() {
    }

    static byte[] gzip(byte[] data) {
        GzipParameters parameters = new GzipParameters();
        parameters.setCompressionLevel(GNU_GZIP_DEFAULT_LEVEL);
        parameters.setOperatingSystem(OS_UNIX);
        parameters.setModificationTime(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(out, parameters)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot gzip in memory", e);
        }
        return out.toByteArray();
    }
}
