package io.baas.fabric.sandbox.peer.chaincode;

import io.baas.fabric.chaincode.SandboxJar;
import io.baas.fabric.sandbox.SandboxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chaincode that must not run in the peer's JVM (anyone's uploaded code: it would sit beside the
 * keys the process holds) runs here as a chaincode-as-a-service server of its own: {@code java -jar}
 * of its jar, with Fabric's CCaaS environment ({@code CHAINCODE_SERVER_ADDRESS} on a free loopback
 * port, {@code CORE_CHAINCODE_ID_NAME} the package ID, plain gRPC) and nothing else of this
 * process's environment, a bounded heap, its own working directory and log. One process per
 * package, shared by the peers of this JVM, which dial it as Fabric peers dial a CCaaS server.
 * Jars are staged under {@code <directory>/<sha256>/<name>} so two versions never share a file.
 */
public final class ChaincodeProcesses implements AutoCloseable {

    /** Where a started server listens. */
    public record Address(String host, int port) {
    }

    private static final Duration START = Duration.ofSeconds(90);

    private final Path directory;
    private final Map<String, Running> running = new HashMap<>();

    private record Running(Process process, Address address, Path log) {
    }

    public ChaincodeProcesses(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the chaincode process directory " + directory, e);
        }
    }

    public Path directory() {
        return directory;
    }

    /** Puts a jar where packages naming it by name and SHA-256 find it; written whole, then renamed. */
    public Path stage(String jarName, byte[] jar) {
        SandboxJar descriptor = SandboxJar.of(jarName, jar);
        Path target = directory.resolve(descriptor.sha256()).resolve(descriptor.jar());
        try {
            if (Files.isRegularFile(target)) {
                return target;
            }
            Files.createDirectories(target.getParent());
            Path partial = target.resolveSibling(descriptor.jar() + ".partial");
            Files.write(partial, jar);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage chaincode jar " + jarName, e);
        }
    }

    /** The staged jar a package's sandbox.json names, checked against its hash; empty when it is not staged. */
    public java.util.Optional<Path> find(SandboxJar descriptor) {
        Path staged = directory.resolve(descriptor.sha256());
        if (!Files.isDirectory(staged)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(descriptor.resolve(staged));
    }

    /** A server's output (stdout and stderr, as a container's log), and whether its process still runs. */
    public record ServerLog(Path file, java.util.function.BooleanSupplier running) {
    }

    /** The log of the package's server, the last one started; empty when none was started. */
    public synchronized java.util.Optional<ServerLog> log(String packageId) {
        Running current = running.get(packageId);
        return current == null ? java.util.Optional.empty() : java.util.Optional.of(new ServerLog(current.log(), current.process()::isAlive));
    }

    /** The package's server, started if it is not running; waits until it accepts connections. */
    public synchronized Address start(String packageId, Path jar) {
        Running current = running.get(packageId);
        if (current != null && current.process().isAlive()) {
            return current.address();
        }
        Address address = new Address("127.0.0.1", freePort());
        String label = packageId.substring(0, packageId.indexOf(':') < 0 ? packageId.length() : packageId.indexOf(':'));
        Path work = directory.resolve("run").resolve(label + "-" + address.port());
        Path log = work.resolve("chaincode.log");
        Process process;
        try {
            Files.createDirectories(work);
            ProcessBuilder builder = new ProcessBuilder(javaCommand(), "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toAbsolutePath().toString())
                    .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().put("CHAINCODE_SERVER_ADDRESS", address.host() + ":" + address.port());
            builder.environment().put("CORE_CHAINCODE_ID_NAME", packageId);
            builder.environment().put("CHAINCODE_TLS_DISABLED", "true");
            builder.environment().put("HOME", work.toAbsolutePath().toString());
            process = builder.start();
        } catch (IOException e) {
            throw new SandboxException("cannot start chaincode " + packageId + ": " + e.getMessage(), e);
        }
        running.put(packageId, new Running(process, address, log));
        awaitListening(packageId, process, address, log);
        return address;
    }

    /** Until the port accepts a connection, the process has ended, or the start bound passed. */
    private static void awaitListening(String packageId, Process process, Address address, Path log) {
        Instant deadline = Instant.now().plus(START);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new SandboxException("chaincode " + packageId + " ended with exit code " + process.exitValue() + " before serving: "
                        + tail(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address.host(), address.port()), 200);
                return;
            } catch (IOException notYet) {
                try {
                    process.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SandboxException("interrupted while chaincode " + packageId + " started", e);
                }
            }
        }
        process.destroyForcibly();
        throw new SandboxException("chaincode " + packageId + " did not listen on " + address.port() + " within " + START + ": " + tail(log));
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for a chaincode server", e);
        }
    }

    @Override
    public synchronized void close() {
        List<Process> processes = new ArrayList<>();
        running.values().forEach(r -> processes.add(r.process()));
        running.clear();
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
