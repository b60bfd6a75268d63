package io.baas.fabric.sandbox.peer.lifecycle;

import io.baas.fabric.chaincode.CcaasPackageBuilder;
import io.baas.fabric.chaincode.ChaincodePackageException;
import io.baas.fabric.chaincode.ChaincodePackageParser;
import io.baas.fabric.chaincode.ParsedPackage;
import io.baas.fabric.chaincode.SandboxJar;
import io.baas.fabric.sandbox.peer.chaincode.CcaasDialing;
import io.baas.fabric.sandbox.peer.chaincode.ChaincodeProcesses;
import io.baas.fabric.sandbox.peer.chaincode.ChaincodeRunner;
import io.baas.fabric.sandbox.peer.chaincode.ContractJar;
import io.baas.fabric.sandbox.peer.chaincode.RemoteChaincode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The chaincode packages installed on this peer, by package ID ({@code <label>:<hex sha256 of the
 * package>}, as Fabric computes it). Installing "builds" the package as the sandbox runs it: the
 * {@code sandbox.json} of its code archive must name a jar present in the peer's chaincode directory
 * with the named SHA-256 (a Fabric peer likewise fails an install whose build fails). Loading the
 * jar into its own class loader (the shim's class scans and metadata take seconds) starts at
 * install, in the background; an invocation waits for it. A jar not in that directory but staged
 * with the peer's chaincode processes (uploaded code) never loads here: it runs as a process of its
 * own that the peer dials, as a Fabric peer dials a CCaaS server.
 */
public final class InstalledPackages implements AutoCloseable {

    private static final String PACKAGE_SUFFIX = ".tar.gz";

    /** One installed package: its ID, label, the verified jar, and whether it runs as a process of its own. */
    /** @param jar null for a package dialed where its connection.json says (the host runtime's peers) */
    public record Installed(String packageId, String label, Path jar, boolean external) {
    }

    private final Path jarDirectory;
    private final Map<String, Installed> installed = new HashMap<>();
    private final List<String> order = new ArrayList<>();
    private final Map<String, CompletableFuture<ChaincodeRunner>> loaded = new HashMap<>();
    private final ExecutorService loader = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "sandbox-chaincode-load");
        thread.setDaemon(true);
        return thread;
    });

    private final Optional<Path> packageDirectory;
    private final Optional<ChaincodeProcesses> processes;
    private final Optional<CcaasDialing> dialing;

    public InstalledPackages(Path jarDirectory) {
        this(jarDirectory, Optional.empty(), Optional.empty());
    }

    public InstalledPackages(Path jarDirectory, Optional<Path> packageDirectory, Optional<ChaincodeProcesses> processes) {
        this(jarDirectory, packageDirectory, processes, Optional.empty());
    }

    /**
     * With a package directory, installed packages are kept there and installed again when the peer
     * starts; with chaincode processes, jars staged there run as processes of their own.
     */
    /**
     * With {@code dialing} (a peer of the host runtime), a CCaaS package is dialed where its
     * connection.json and the host's server map say, as {@code bin/peer} with the ccaas builder
     * does; its jar is never loaded here.
     */
    public InstalledPackages(Path jarDirectory, Optional<Path> packageDirectory, Optional<ChaincodeProcesses> processes,
                             Optional<CcaasDialing> dialing) {
        this.jarDirectory = jarDirectory;
        this.packageDirectory = packageDirectory;
        this.processes = processes;
        this.dialing = dialing;
        packageDirectory.ifPresent(this::reinstall);
    }

    private void reinstall(Path directory) {
        if (!java.nio.file.Files.isDirectory(directory)) {
            return;
        }
        try (var files = java.nio.file.Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(PACKAGE_SUFFIX)).sorted().toList()) {
                // Built before, as Fabric keeps a build: a server the host no longer maps fails at its first call, not here.
                add(java.nio.file.Files.readAllBytes(file), false);
            }
        } catch (java.io.IOException e) {
            throw new io.baas.fabric.sandbox.SandboxException("cannot read the installed packages in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Installs the package bytes; fails with Fabric's wording when it is installed already or cannot be built. */
    public synchronized Installed install(byte[] packageBytes) {
        Installed result = add(packageBytes, true);
        packageDirectory.ifPresent(directory -> keep(directory, result.packageId(), packageBytes));
        return result;
    }

    /** Written whole under a temporary name, then renamed: a crash never leaves half a package behind. */
    private static void keep(Path directory, String packageId, byte[] packageBytes) {
        try {
            java.nio.file.Files.createDirectories(directory);
            String name = packageId.substring(packageId.lastIndexOf(':') + 1);
            Path partial = directory.resolve(name + ".partial");
            java.nio.file.Files.write(partial, packageBytes);
            java.nio.file.Files.move(partial, directory.resolve(name + PACKAGE_SUFFIX), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("could not keep the installed package: " + e.getMessage(), e);
        }
    }

    private Installed add(byte[] packageBytes, boolean requireServer) {
        ParsedPackage parsed;
        try {
            parsed = ChaincodePackageParser.parse(packageBytes);
        } catch (ChaincodePackageException e) {
            throw new IllegalArgumentException("failed to read chaincode package: " + e.getMessage(), e);
        }
        String packageId = parsed.chaincodePackage().packageId();
        if (installed.containsKey(packageId)) {
            throw new IllegalArgumentException("chaincode already successfully installed (package ID '" + packageId + "')");
        }
        if (dialing.isPresent() && CcaasPackageBuilder.TYPE.equals(parsed.metadata().type())) {
            return dialed(parsed, packageId, requireServer);
        }
        SandboxJar descriptor;
        try {
            descriptor = SandboxJar.find(parsed).orElseThrow(() -> new IllegalStateException(
                    "the package has no sandbox.json naming the chaincode jar the sandbox peer runs"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("could not build chaincode: " + e.getMessage(), e);
        }
        Path jar;
        boolean external = false;
        try {
            jar = descriptor.resolve(jarDirectory);
        } catch (RuntimeException notShipped) {
            Optional<Path> staged;
            try {
                staged = processes.flatMap(p -> p.find(descriptor));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("could not build chaincode: " + e.getMessage(), e);
            }
            if (staged.isEmpty()) {
                throw new IllegalArgumentException("could not build chaincode: " + notShipped.getMessage(), notShipped);
            }
            jar = staged.get();
            external = true;
        }
        Installed result = new Installed(packageId, parsed.chaincodePackage().label(), jar, external);
        installed.put(packageId, result);
        order.add(packageId);
        Path found = jar;
        loaded.put(packageId, external
                ? CompletableFuture.supplyAsync(() -> remote(packageId, found), loader)
                : CompletableFuture.supplyAsync(() -> ContractJar.load(found), loader));
        return result;
    }

    /** Built as the ccaas builder builds: the server named, nothing loaded. */
    private Installed dialed(ParsedPackage parsed, String packageId, boolean requireServer) {
        CcaasDialing.Server server;
        try {
            server = dialing.orElseThrow().build(parsed, requireServer);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("could not build chaincode: external builder failed: " + e.getMessage(), e);
        }
        Installed result = new Installed(packageId, parsed.chaincodePackage().label(), null, true);
        installed.put(packageId, result);
        order.add(packageId);
        loaded.put(packageId, CompletableFuture.completedFuture(new RemoteChaincode(packageId, server::address, server.tlsRoots())));
        return result;
    }

    /** Started at install, as the jar of an in-process chaincode loads at install. */
    private ChaincodeRunner remote(String packageId, Path jar) {
        ChaincodeProcesses launcher = processes.orElseThrow();
        launcher.start(packageId, jar);
        return new RemoteChaincode(packageId, () -> launcher.start(packageId, jar));
    }

    public synchronized Optional<Installed> get(String packageId) {
        return Optional.ofNullable(installed.get(packageId));
    }

    public synchronized List<Installed> list() {
        return order.stream().map(installed::get).toList();
    }

    /** What runs an installed package, waiting for its loading (or its process's start) to finish. */
    public Optional<ChaincodeRunner> jar(String packageId) {
        CompletableFuture<ChaincodeRunner> future;
        synchronized (this) {
            future = loaded.get(packageId);
        }
        if (future == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(future.join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    @Override
    public void close() {
        List<CompletableFuture<ChaincodeRunner>> futures;
        synchronized (this) {
            futures = List.copyOf(loaded.values());
            loaded.clear();
        }
        loader.shutdownNow();
        futures.forEach(future -> future.thenAccept(ChaincodeRunner::close));
    }
}
