package io.baas.fabric.sandbox;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The ports a node with a data directory listened on, kept in {@code <dir>/ports}: started again,
 * it asks for the same ones, so the channel configs that name it (orderer endpoints, consenters,
 * anchor peers) stay right. Without a directory, or when a port is taken, the system picks.
 */
final class NodePorts {

    private final Optional<Path> file;
    private final Properties ports = new Properties();

    NodePorts(Optional<Path> dataDirectory) {
        this.file = dataDirectory.map(directory -> directory.resolve("ports"));
        file.filter(Files::exists).ifPresent(path -> {
            try (Reader in = Files.newBufferedReader(path)) {
                ports.load(in);
            } catch (IOException e) {
                // unreadable: the system picks new ports
            }
        });
    }

    /** The port to ask for: the one used before, else 0. */
    int preferred(String name) {
        try {
            return Integer.parseInt(ports.getProperty(name, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Starts a listener on the preferred port, or on any port when that one is taken. */
    <T> T bind(String name, PortListener<T> listener) throws IOException {
        int preferred = preferred(name);
        if (preferred != 0) {
            try {
                return listener.listen(preferred);
            } catch (IOException taken) {
                // taken by someone else meanwhile: fall back to any port
            }
        }
        return listener.listen(0);
    }

    interface PortListener<T> {
        T listen(int port) throws IOException;
    }

    void remember(Map<String, Integer> bound) {
        if (file.isEmpty()) {
            return;
        }
        Properties next = new Properties();
        new TreeMap<>(bound).forEach((name, port) -> next.setProperty(name, String.valueOf(port)));
        try {
            Files.createDirectories(file.get().getParent());
            try (Writer out = Files.newBufferedWriter(file.get())) {
                next.store(out, "ports this sandbox node listens on");
            }
        } catch (IOException e) {
            throw new SandboxException("cannot keep the node's ports in " + file.get() + ": " + e.getMessage(), e);
        }
    }
}
