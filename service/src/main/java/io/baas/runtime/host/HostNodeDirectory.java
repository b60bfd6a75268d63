package io.baas.runtime.host;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.baas.pki.k8s.NodeMaterial;
import io.fabric8.kubernetes.api.model.KeyToPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A node's working directory on the host, {@code <data-dir>/<namespace>/<kind>-<name>}: its MSP and
 * TLS folders under {@code identity/} (the files a pod would mount from its Secret and ConfigMap,
 * owner-only), its ledger under {@code data/}, generated configuration under {@code config/},
 * its log, and the record of its ports and process, by which a restarted service finds it again.
 */
final class HostNodeDirectory {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    /**
     * What a restarted service needs to find the node: the ports it was given, and the process
     * that ran it (its pid and command line, so a reused pid is not mistaken for the node; the
     * fingerprint of what it was started with, so one started with other settings is not kept).
     */
    record Record(Map<String, Integer> ports, long pid, String commandLine, Instant started, String fingerprint) {

        Record {
            ports = Map.copyOf(ports);
        }

        /** @param fingerprint what the process was started with ({@link LaunchFingerprint}) */
        Record withProcess(long pid, String commandLine, Instant started, String fingerprint) {
            return new Record(ports, pid, commandLine, started, fingerprint);
        }
    }

    private final Path root;

    HostNodeDirectory(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path identity() {
        return root.resolve("identity");
    }

    Path data() {
        return root.resolve("data");
    }

    Path config() {
        return root.resolve("config");
    }

    Path log() {
        return root.resolve("node.log");
    }

    /** A node's MSP and TLS files by their path under {@code identity/}, as its pod would see them mounted. */
    static Map<String, byte[]> files(NodeMaterial material) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (KeyToPath item : material.secretItems()) {
            files.put(item.getPath(), Base64.getDecoder().decode(material.secret().getData().get(item.getKey())));
        }
        for (KeyToPath item : material.configMapItems()) {
            files.put(item.getPath(), material.configMap().getData().get(item.getKey()).getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    /** Files by their path under {@code base}; every folder and file owner-only. */
    void writeFiles(Path base, Map<String, byte[]> files) {
        files.forEach((path, content) -> write(base.resolve(path), content));
    }

    Optional<Record> record() {
        Path file = root.resolve("node.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Record.class));
        } catch (IOException e) {
            // Unreadable: the node is started again with new ports, as if new.
            return Optional.empty();
        }
    }

    void write(Record record) {
        try {
            write(root.resolve("node.json"), JSON.writeValueAsBytes(record));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the record of " + root, e);
        }
    }

    /** Creates the working directory's folders, owner-only. */
    void create() {
        for (Path folder : new Path[] {root, identity(), data(), config()}) {
            folder(folder);
        }
    }

    /** Creates only the working directory, owner-only: a chaincode server has no identity, ledger or configuration folders. */
    void createRoot() {
        folder(root);
    }

    /** Writes the file whole (owner-only, renamed into place); one that already holds these bytes is left as it is. */
    void write(Path file, byte[] content) {
        try {
            folder(file.getParent());
            if (Files.isRegularFile(file) && Files.size(file) == content.length && Arrays.equals(Files.readAllBytes(file), content)) {
                return;
            }
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.deleteIfExists(partial);
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            Files.write(partial, content);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void folder(Path folder) {
        try {
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
            }
            Files.setPosixFilePermissions(folder, OWNER_ONLY_FOLDER);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + folder, e);
        }
    }
}
