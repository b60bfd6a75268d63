package io.baas.chaincode.repository;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Hostile chaincode archives, written entry by entry as an attacker would (no name checks). */
final class Archives {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;

    Archives() {
        tar = new TarArchiveOutputStream(bytes);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    Archives file(String name, byte[] content) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(content.length);
        entry.setMode(0644);
        return put(entry, content);
    }

    Archives file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    Archives symlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        entry.setLinkName(target);
        return put(entry, new byte[0]);
    }

    Archives device(String name) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_CHR, true);
        return put(entry, new byte[0]);
    }

    private Archives put(TarArchiveEntry entry, byte[] content) {
        try {
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    byte[] tar() {
        try {
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    byte[] tarGz() {
        return gzip(tar());
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A package around a code archive, with the given metadata.json. */
    static byte[] packageOf(String metadata, byte[] codeTarGz) {
        return new Archives().file("metadata.json", metadata).file("code.tar.gz", codeTarGz).tarGz();
    }

    /** A package whose code archive holds these entries besides a valid connection.json. */
    static byte[] packageWithCode(java.util.function.UnaryOperator<Archives> code) {
        Archives archive = new Archives().file("connection.json", "{\"address\":\"chaincode-server:9999\",\"dial_timeout\":\"10s\"}");
        return packageOf(METADATA, code.apply(archive).tarGz());
    }

    static final String METADATA = "{\"type\":\"ccaas\",\"label\":\"attack_1.0\"}";
}
