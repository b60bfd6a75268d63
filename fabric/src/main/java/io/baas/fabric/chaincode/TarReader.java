package io.baas.fabric.chaincode;

import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.ABSOLUTE_PATH;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.DUPLICATE_ENTRY;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.LINK;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.NOT_GZIP;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.NOT_TAR;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.PATH_TRAVERSAL;
import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.SPECIAL_FILE;

import com.google.protobuf.ByteString;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads an untrusted gzipped tar archive (ustar, GNU or pax) with Apache Commons Compress into
 * files and directories, within the package budget, refusing everything a peer or builder could
 * be tricked by: links, device, FIFO and sparse entries, absolute paths, {@code ..} segments,
 * entries that appear twice, corrupt headers.
 */
final class TarReader {

    private static final int BLOCK = 512;
    // A pax "path" record or a GNU long name that starts with '/': Commons Compress strips that
    // slash from the entry name, but a peer reading the same archive would not.
    private static final Pattern ABSOLUTE_LONG_NAME = Pattern.compile("(?:\\A|\n)(?:\\d+ path=)?/");

    private final String what;
    private final Budget budget;

    private TarReader(String what, Budget budget) {
        this.what = what;
        this.budget = budget;
    }

    /** The entries of a tar.gz; its decompressed bytes and its entries are taken from the budget. */
    static List<TarEntry> readTarGz(byte[] tarGz, String what, Budget budget) {
        TarReader reader = new TarReader(what, budget);
        return reader.entries(reader.gunzip(tarGz));
    }

    /** Decompresses whole (concatenated gzip members too, as Go's reader does), failing as soon as the budget runs out. */
    private byte[] gunzip(byte[] gzip) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = new GzipCompressorInputStream(new ByteArrayInputStream(gzip), true)) {
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                budget.spendBytes(n);
                out.write(buffer, 0, n);
                budget.checkRatio(what, gzip.length, out.size());
            }
        } catch (IOException e) {
            throw fail(NOT_GZIP, "is not a gzip stream: " + e.getMessage());
        }
        return out.toByteArray();
    }

    private List<TarEntry> entries(byte[] archive) {
        if (archive.length % BLOCK != 0) {
            throw fail(NOT_TAR, "ends inside an entry");
        }
        List<TarEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        try (LongNameWatchingInput in = new LongNameWatchingInput(archive)) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                budget.spendEntry();
                if (!entry.isCheckSumOK() || in.corruptHeader) {
                    throw fail(NOT_TAR, "has a corrupt header before " + entry.getName());
                }
                requireFileOrDirectory(entry);
                if (ABSOLUTE_LONG_NAME.matcher(in.takeLongNames()).find()) {
                    throw fail(ABSOLUTE_PATH, "has an absolute path: /" + entry.getName());
                }
                String name = checkName(entry.getName());
                if (!names.add(name)) {
                    throw fail(DUPLICATE_ENTRY, "appears twice: " + name);
                }
                budget.checkEntry(what, name, entry.getSize());
                entries.add(entry.getLinkFlag() == '5'
                        ? new TarEntry(name, true, entry.getMode(), ByteString.EMPTY)
                        : new TarEntry(name, false, entry.getMode(), ByteString.copyFrom(in.readAllBytes())));
            }
        } catch (IOException e) {
            throw fail(NOT_TAR, "is not a tar archive: " + e.getMessage());
        }
        return List.copyOf(entries);
    }

    private void requireFileOrDirectory(TarArchiveEntry entry) {
        String name = entry.getName();
        byte type = entry.getLinkFlag();
        if (type == '1' || type == '2' || !entry.getLinkName().isEmpty()) {
            throw fail(LINK, "is a link: " + name);
        }
        boolean fileOrDirectory = type == '0' || type == 0 || type == '7' || type == '5';
        if (!fileOrDirectory || entry.isSparse()) {
            throw fail(SPECIAL_FILE, "is not a regular file or directory (type " + (char) type + "): " + name);
        }
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

    private ChaincodePackageException fail(ChaincodePackageException.Reason reason, String detail) {
        return new ChaincodePackageException(reason, what + " " + detail);
    }

    /**
     * Commons Compress's reader, also keeping the raw text of the pax headers and GNU long names
     * it applies to the next entry (it reads them through {@link #read}), and whether their own
     * headers' checksums held, which it does not check.
     */
    private static final class LongNameWatchingInput extends TarArchiveInputStream {

        private final ByteArrayOutputStream longNames = new ByteArrayOutputStream();
        private boolean corruptHeader;

        LongNameWatchingInput(byte[] archive) {
            super(new ByteArrayInputStream(archive));
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = super.read(buffer, offset, length);
            TarArchiveEntry header = getCurrentEntry();
            if (count > 0 && header != null && (header.isPaxHeader() || header.isGlobalPaxHeader() || header.isGNULongNameEntry()
                    || header.isGNULongLinkEntry())) {
                corruptHeader |= !header.isCheckSumOK();
                longNames.write(buffer, offset, count);
            }
            return count;
        }

        /** The long names read since the last call. */
        String takeLongNames() {
            String text = longNames.toString(StandardCharsets.UTF_8);
            longNames.reset();
            return text;
        }
    }
}
