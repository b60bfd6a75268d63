package io.baas.pki.msp;

import io.baas.pki.PkiException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * An immutable in-memory folder tree (an MSP, a TLS folder, a node's whole material) that can be
 * written to a directory or as a zip, and read back from a directory.
 */
public final class FileTree {

    // Fixed entry times make the same tree always zip to the same bytes.
    private static final long ZIP_ENTRY_TIME = 315_532_800_000L; // 1980-01-01T00:00:00Z, the zip epoch

    private final Map<String, MspFile> files;

    private FileTree(Map<String, MspFile> files) {
        this.files = files;
    }

    public static FileTree of(Collection<MspFile> files) {
        Map<String, MspFile> byPath = new LinkedHashMap<>();
        for (MspFile file : files) {
            if (byPath.put(file.path(), file) != null) {
                throw new PkiException("two files at '" + file.path() + "'");
            }
        }
        return new FileTree(byPath);
    }

    public static FileTree empty() {
        return new FileTree(Map.of());
    }

    /**
     * Reads every regular file under a directory. Files under {@code keystore/} and files ending in
     * {@code .key} or {@code _sk} are taken as private keys.
     */
    public static FileTree readFrom(Path directory) {
        List<MspFile> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path file : paths.filter(Files::isRegularFile).sorted().toList()) {
                String path = directory.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                files.add(new MspFile(path, Files.readAllBytes(file), guessKind(path)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory, e);
        }
        return of(files);
    }

    public List<MspFile> files() {
        return List.copyOf(files.values());
    }

    public Optional<MspFile> file(String path) {
        return Optional.ofNullable(files.get(path));
    }

    public List<String> paths() {
        return List.copyOf(files.keySet());
    }

    /** The files directly or indirectly under {@code directory}, in order. */
    public List<MspFile> under(String directory) {
        String prefix = directory + "/";
        return files.values().stream().filter(file -> file.path().startsWith(prefix)).toList();
    }

    /** The subtree under {@code directory}, with that prefix removed. */
    public FileTree subtree(String directory) {
        String prefix = directory + "/";
        return of(under(directory).stream()
                .map(file -> new MspFile(file.path().substring(prefix.length()), file.content(), file.kind()))
                .toList());
    }

    /** This tree moved under {@code directory}. */
    public FileTree prefixed(String directory) {
        return of(files.values().stream()
                .map(file -> new MspFile(directory + "/" + file.path(), file.content(), file.kind()))
                .toList());
    }

    public FileTree plus(FileTree other) {
        List<MspFile> all = new ArrayList<>(files.values());
        all.addAll(other.files.values());
        return of(all);
    }

    /** Writes the tree below a directory, private keys readable by the owner only where the file system allows. */
    public void writeTo(Path directory) {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            for (MspFile file : files.values()) {
                Path target = directory.resolve(file.path());
                Files.createDirectories(target.getParent());
                Files.write(target, file.content());
                if (posix && file.kind() == FileKind.PRIVATE_KEY) {
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + directory, e);
        }
    }

    public void writeZip(OutputStream out) {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (MspFile file : files.values()) {
                ZipEntry entry = new ZipEntry(file.path());
                entry.setTime(ZIP_ENTRY_TIME);
                zip.putNextEntry(entry);
                zip.write(file.content());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write zip", e);
        }
    }

    public byte[] toZip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeZip(out);
        return out.toByteArray();
    }

    private static FileKind guessKind(String path) {
        boolean key = path.startsWith("keystore/") || path.contains("/keystore/") || path.endsWith(".key") || path.endsWith("_sk");
        return key ? FileKind.PRIVATE_KEY : FileKind.PUBLIC;
    }

    @Override
    public String toString() {
        return "FileTree" + files.keySet();
    }
}
