package io.baas.fabric.sandbox.peer.chaincode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Fat chaincode jars built from the test class path, as a chaincode's build would make them: the
 * classes of one test contract package, plus the shim and the libraries it runs with. Signature
 * files of signed libraries are left out (they would no longer match), as a shade build does.
 */
public final class ChaincodeJars {

    public static final String ALPHA = "io/baas/fabric/sandbox/peer/chaincode/contracts/alpha/";
    public static final String BETA = "io/baas/fabric/sandbox/peer/chaincode/contracts/beta/";

    private static final List<String> LIBRARIES = List.of("fabric-chaincode-shim", "fabric-protos", "protobuf-java", "classgraph",
            "json-2", "everit-json-schema", "handy-uri-templates", "re2j", "commons-validator", "commons-logging", "commons-digester",
            "commons-beanutils", "commons-collections", "commons-cli", "bcprov", "bcpkix", "bcutil");

    /**
     * A sandbox CCaaS package ({@code <name>_1}, address {@code <name>:9999}) naming the jar, as the
     * peers install it.
     */
    public static io.baas.fabric.chaincode.ChaincodePackage sandboxPackage(String name, Path jar) {
        try {
            return io.baas.fabric.chaincode.CcaasPackageBuilder.build(name + "_1", io.baas.fabric.chaincode.CcaasConnection.plain(name + ":9999",
                    "10s"), java.util.List.of(io.baas.fabric.chaincode.SandboxJar.of(jar.getFileName().toString(), Files.readAllBytes(jar))
                    .entry()), java.time.Instant.EPOCH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ChaincodeJars() {
    }

    /** Writes {@code name} into the directory with the classes under {@code contractPackage} (a path ending in /). */
    public static Path build(Path directory, String name, String contractPackage) {
        Path jar = directory.resolve(name);
        Set<String> seen = new HashSet<>();
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                Path path = Path.of(entry);
                String file = path.getFileName().toString();
                if (Files.isDirectory(path)) {
                    Path classes = path.resolve(contractPackage);
                    if (Files.isDirectory(classes)) {
                        try (Stream<Path> walk = Files.walk(classes)) {
                            for (Path cls : walk.filter(Files::isRegularFile).sorted().toList()) {
                                String entryName = path.relativize(cls).toString().replace('\\', '/');
                                if (seen.add(entryName)) {
                                    out.putNextEntry(new ZipEntry(entryName));
                                    Files.copy(cls, out);
                                    out.closeEntry();
                                }
                            }
                        }
                    }
                } else if (file.endsWith(".jar") && !file.contains("jboss") && LIBRARIES.stream().anyMatch(file::startsWith)) {
                    copy(path, out, seen, "");
                } else if (file.endsWith(".jar")) {
                    // The contracts themselves, when this module's tests run from its test jar (other modules' tests)
                    copy(path, out, seen, contractPackage);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    private static void copy(Path library, ZipOutputStream out, Set<String> seen, String prefix) throws IOException {
        try (ZipFile zip = new ZipFile(library.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                String name = entry.getName();
                String upper = name.toUpperCase(java.util.Locale.ROOT);
                if (entry.isDirectory() || !name.startsWith(prefix) || name.equals("META-INF/MANIFEST.MF") || name.endsWith("module-info.class")
                        || (upper.startsWith("META-INF/") && (upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA")
                        || upper.endsWith(".EC"))) || !seen.add(name)) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(name));
                try (InputStream in = zip.getInputStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }
}
