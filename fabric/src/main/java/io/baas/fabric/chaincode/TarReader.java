package io.baas.fabric.chaincode;

import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.ABSOLUTE_PATH;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.DUPLICATE_ENTRY;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.LINK;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.NOT_TAR;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.PATH_TRAVERSAL;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.SPECIAL_FILE;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads ustar, GNU and pax tar archives into files and directories, refusing everything a peer
 * or builder could be tricked by: links, device and FIFO entries, absolute paths, {@code ..}
 * segments and entries that appear twice.
 */
final class TarReader {

    private static final int BLOCK = 512;

    private final byte[] archive;
    private final String what;
    private final Budget budget;
    private int offset;

    private TarReader(byte[] archive, String what, Budget budget) {
        this.archive = archive;
        this.what = what;
        this.budget = budget;
    }

    static List<TarEntry> read(byte[] archive, String what, Budget budget) {
        return new TarReader(archive, what, budget).entries();
    }

    private List<TarEntry> entries() {
        List<TarEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String longName = null;
        while (offset + BLOCK <= archive.length && !zeroBlock(offset)) {
            budget.spendEntry();
            int header = offset;
            verifyChecksum(header);
            long size = number(header + 124, 12);
            byte typeflag = archive[header + 156];
            byte[] content = content(header + BLOCK, size);
            offset = header + BLOCK + (int) ((size + BLOCK - 1) / BLOCK * BLOCK);

            String name = longName != null ? longName : headerName(header);
            longName = null;
            switch (typeflag) {
                case 'L' -> longName = nulTerminated(content, 0, content.length);
                case 'x' -> longName = paxPath(content);
                case 'g' -> { } // global pax attributes carry no entry
                case '0', 0, '7', '5' -> {
                    String checked = checkName(name);
                    if (!names.add(checked)) {
                        throw fail(DUPLICATE_ENTRY, "appears twice: " + checked);
                    }
                    entries.add(typeflag == '5'
                            ? new TarEntry(checked, true, (int) number(header + 100, 8), ByteString.EMPTY)
                            : new TarEntry(checked, false, (int) number(header + 100, 8), ByteString.copyFrom(content)));
                }
                case '1', '2', 'K' -> throw fail(LINK, "is a link: " + name);
                default -> throw fail(SPECIAL_FILE, "is not a regular file or directory (type " + (char) typeflag + "): " + name);
            }
        }
        if (offset + BLOCK > archive.length && offset != archive.length) {
            throw fail(NOT_TAR, "ends inside an entry");
        }
        return List.copyOf(entries);
    }

    private String checkName(String name) {
        if (name.isEmpty()) {
            throw fail(NOT_TAR, "has an entry without a name");
        }
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            throw fail(ABSOLUTE_PATH, "has an absolute path: " + name);
        }
        for (String segment : name.split("[/\\\\]")) {
            if (segment.equals("..")) {
                throw fail(PATH_TRAVERSAL, "has a path leaving its directory: " + name);
            }
        }
        return name;
    }

    private String headerName(int header) {
        String name = nulTerminated(archive, header, 100);
        boolean posixUstar = new String(archive, header + 257, 6, StandardCharsets.US_ASCII).equals("ustar\0");
        String prefix = posixUstar ? nulTerminated(archive, header + 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** The {@code path} record of a pax extended header ("length key=value\n" records). */
    private String paxPath(byte[] content) {
        String records = new String(content, StandardCharsets.UTF_8);
        for (String record : records.split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private byte[] content(int start, long size) {
        if (size < 0 || start + size > archive.length) {
            throw fail(NOT_TAR, "has an entry larger than the archive");
        }
        byte[] content = new byte[(int) size];
        System.arraycopy(archive, start, content, 0, (int) size);
        return content;
    }

    private void verifyChecksum(int header) {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : archive[header + i] & 0xff;
        }
        if (sum != number(header + 148, 8)) {
            throw fail(NOT_TAR, "has a corrupt header at byte " + header);
        }
    }

    /** Octal, or GNU base-256 when the high bit of the first byte is set. */
    private long number(int start, int length) {
        if ((archive[start] & 0x80) != 0) {
            long value = archive[start] & 0x7f;
            for (int i = 1; i < length; i++) {
                value = (value << 8) | (archive[start + i] & 0xff);
            }
            return value;
        }
        String digits = nulTerminated(archive, start, length).trim();
        try {
            return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
        } catch (NumberFormatException e) {
            throw fail(NOT_TAR, "has a malformed header number '" + digits + "'");
        }
    }

    private boolean zeroBlock(int start) {
        for (int i = start; i < start + BLOCK; i++) {
            if (archive[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String nulTerminated(byte[] bytes, int start, int length) {
        int end = start;
        while (end < start + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    private ChaincodePackageException fail(ChaincodePackageException.Reason reason, String detail) {
        return new ChaincodePackageException(reason, what + " " + detail);
    }
}
