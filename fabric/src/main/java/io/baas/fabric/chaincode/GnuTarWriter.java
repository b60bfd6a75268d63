package io.baas.fabric.chaincode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Writes tar archives exactly as GNU tar does by default (the "old GNU" header, owner root:root,
 * 10240-byte records), which is what `tar -czf` in Fabric's CCaaS samples produces. Every field
 * is fixed except the modification time, so the same entries and time give the same bytes.
 * Written by hand for that byte-identity alone (the package id hashes these bytes): Commons
 * Compress's writer puts the POSIX "ustar\0" magic and device numbers in every header, which
 * GNU tar's default format does not. Untrusted archives are read by {@link TarReader}.
 */
final class GnuTarWriter {

    private static final int BLOCK = 512;
    private static final int RECORD = 20 * BLOCK;
    private static final byte[] OLD_GNU_MAGIC = "ustar  \0".getBytes(StandardCharsets.US_ASCII);
    private static final String OWNER = "root";

    private GnuTarWriter() {
    }

    static byte[] write(List<TarEntry> entries, Instant modified) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (TarEntry entry : entries) {
            out.writeBytes(header(entry, modified.getEpochSecond()));
            byte[] content = entry.content().toByteArray();
            out.writeBytes(content);
            out.writeBytes(new byte[padding(content.length, BLOCK)]);
        }
        out.writeBytes(new byte[2 * BLOCK]); // end-of-archive marker
        out.writeBytes(new byte[padding(out.size(), RECORD)]);
        return out.toByteArray();
    }

    private static byte[] header(TarEntry entry, long mtime) {
        byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
        if (name.length == 0 || name.length > 99) {
            // Longer names need GNU's ././@LongLink entries, which no chaincode package file needs.
            throw new IllegalArgumentException("tar entry name must be 1 to 99 bytes: " + entry.name());
        }
        byte[] header = new byte[BLOCK];
        System.arraycopy(name, 0, header, 0, name.length);
        octal(header, 100, 8, entry.mode());
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, entry.content().size());
        octal(header, 136, 12, mtime);
        header[156] = (byte) (entry.directory() ? '5' : '0');
        System.arraycopy(OLD_GNU_MAGIC, 0, header, 257, OLD_GNU_MAGIC.length);
        ascii(header, 265, OWNER);
        ascii(header, 297, OWNER);
        // The checksum is computed with its own field read as spaces, then written as 6 digits, NUL, space.
        Arrays.fill(header, 148, 156, (byte) ' ');
        int checksum = 0;
        for (byte b : header) {
            checksum += b & 0xff;
        }
        octal(header, 148, 7, checksum);
        header[155] = ' ';
        return header;
    }

    /** Zero-padded octal digits filling the field but its last byte, which stays NUL. */
    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        int width = length - 1;
        if (value < 0 || digits.length() > width) {
            throw new IllegalArgumentException("value does not fit a tar header field: " + value);
        }
        ascii(header, offset, "0".repeat(width - digits.length()) + digits);
        header[offset + width] = 0;
    }

    private static void ascii(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    private static int padding(int size, int unit) {
        return (unit - size % unit) % unit;
    }
}
