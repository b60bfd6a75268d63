package io.baas.fabric.chaincode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where the host runtime's chaincode servers of one organization (one namespace: a bare Service name
 * means a server of the peer's own namespace) listen, by the address their packages name: one line
 * per server, {@code <address connection.json names, filled in> <host:port it listens on>}. On a
 * Kubernetes cluster the named address is a Service; on one machine it resolves nowhere, so the
 * host's peers look it up here when they build a package (the runtime's builder for {@code bin/peer},
 * and the sandbox peer standing in for it). Written whole and renamed into place.
 */
public final class ChaincodeServerMap {

    /** The peer's environment variable naming the file. */
    public static final String ENV = "KS_BAAS_CHAINCODE_SERVERS";

    private ChaincodeServerMap() {
    }

    public static Map<String, String> read(Path file) {
        Map<String, String> entries = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return entries;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length == 2) {
                    entries.put(fields[0], fields[1]);
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static Optional<String> lookup(Path file, String address) {
        return Optional.ofNullable(read(file).get(address));
    }

    /** Writes the entries sorted by address, replacing the file at once (a peer reading it sees the old or the new one). */
    public static void write(Path file, Map<String, String> entries) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(entries).forEach((address, target) -> {
            if (address.isBlank() || target.isBlank() || (address + target).chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a chaincode server entry may hold no white space: " + address + " -> " + target);
            }
            text.append(address).append(' ').append(target).append('\n');
        });
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
