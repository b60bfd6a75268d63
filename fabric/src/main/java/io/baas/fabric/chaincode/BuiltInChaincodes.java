package io.baas.fabric.chaincode;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The chaincodes ks-baas ships: notarization and asset transfer, each a jar of the
 * {@code chaincodes} module that runs as a chaincode-as-a-service server on real peers and
 * in-process on the sandbox, and a CCaaS package built from it here.
 *
 * <p>The build copies the jars into {@code chaincodes/} of the service's resources (never onto its
 * class path: the shim's static registries must not load into the service's class loader) and runs
 * {@link #main} to write the packages beside them. A package holds {@code ./connection.json}, a
 * template each organization's peers fill in from CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG, so one
 * package (one package ID) serves every organization, and {@code ./sandbox.json} naming the jar
 * and its SHA-256. The same jar bytes always give the same package bytes and package ID.
 */
public final class BuiltInChaincodes {

    /** Where the jars and packages are, on the class path and in the build output. */
    public static final String RESOURCE_DIR = "chaincodes";
    /** The port every built-in chaincode server listens on. */
    public static final int SERVER_PORT = 9999;
    public static final String DIAL_TIMEOUT = "10s";

    /**
     * A built-in chaincode.
     *
     * @param name the chaincode definition's name, also the Service name of each organization's server
     * @param jarName the runnable jar, as {@code sandbox.json} names it
     */
    public record Definition(String name, String version, String jarName) {

        /** {@code <name>_<version>}, the package label. */
        public String label() {
            return name + "_" + version;
        }

        public String packageFileName() {
            return label() + ".tar.gz";
        }

        /**
         * Each organization's peers dial their own organization's server, {@code <name>} in their
         * namespace, over TLS with their organization's TLS CA as root: the ccaas builder fills in
         * {@code namespace} and {@code tlsrootcert} from the peer's CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG.
         */
        public CcaasConnection connection() {
            return new CcaasConnection(name + ".{{.namespace}}:" + SERVER_PORT, DIAL_TIMEOUT,
                    Optional.of(new CcaasConnection.Tls("{{.tlsrootcert}}", Optional.empty())));
        }
    }

    /** A built-in chaincode with its package, as shipped. */
    public record BuiltIn(Definition definition, ChaincodePackage chaincodePackage, SandboxJar jar) {

        public String packageId() {
            return chaincodePackage.packageId();
        }
    }

    public static final Definition NOTARIZATION = new Definition("notarization", "1.0", "notarization.jar");
    public static final Definition ASSET_TRANSFER = new Definition("asset-transfer", "1.0", "asset-transfer.jar");
    public static final List<Definition> DEFINITIONS = List.of(NOTARIZATION, ASSET_TRANSFER);

    private static volatile List<BuiltIn> shipped;

    private BuiltInChaincodes() {
    }

    /** The package of a chaincode's jar: entries dated at the Unix epoch, so only the jar's bytes matter. */
    public static ChaincodePackage build(Definition definition, byte[] jar) {
        return CcaasPackageBuilder.build(definition.label(), definition.connection(),
                List.of(SandboxJar.of(definition.jarName(), jar).entry()), Instant.EPOCH);
    }

    /**
     * The shipped chaincodes with their packages and package IDs. A package missing from the
     * resources (a dev-mode build that did not run {@link #main}) is built from its jar.
     *
     * @throws IllegalStateException when the jars are not in the resources
     */
    public static List<BuiltIn> list() {
        List<BuiltIn> result = shipped;
        if (result == null) {
            List<BuiltIn> loaded = new ArrayList<>();
            for (Definition definition : DEFINITIONS) {
                ChaincodePackage chaincodePackage = resource(definition.packageFileName())
                        .map(bytes -> new ChaincodePackage(definition.label(), CcaasPackageBuilder.TYPE, ByteString.copyFrom(bytes)))
                        .orElseGet(() -> build(definition, jar(definition)));
                ParsedPackage parsed = ChaincodePackageParser.parse(chaincodePackage.bytes().toByteArray());
                SandboxJar jar = SandboxJar.find(parsed).orElseThrow(() ->
                        new IllegalStateException(definition.packageFileName() + " has no " + SandboxJar.FILE));
                loaded.add(new BuiltIn(definition, chaincodePackage, jar));
            }
            shipped = result = List.copyOf(loaded);
        }
        return result;
    }

    public static Optional<BuiltIn> find(String name) {
        return list().stream().filter(builtIn -> builtIn.definition().name().equals(name)).findFirst();
    }

    /** The jar's bytes from the resources. */
    public static byte[] jar(Definition definition) {
        try (InputStream in = openJar(definition)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE_DIR + "/" + definition.jarName(), e);
        }
    }

    /**
     * Writes the built-in jars into {@code directory} (for the sandbox, which finds jars by name
     * there), leaving a file alone when its bytes are already the shipped ones. The jars (about
     * 40 MB each) are streamed from the resources to the file and hashed from the file, never held
     * in memory whole: this runs at every start of the sandbox runtime.
     */
    public static void writeJars(Path directory) {
        try {
            Files.createDirectories(directory);
            for (BuiltIn builtIn : list()) {
                Path target = directory.resolve(builtIn.jar().jar());
                if (Files.isRegularFile(target) && SandboxJar.of(builtIn.jar().jar(), target).equals(builtIn.jar())) {
                    continue;
                }
                Path partial = Files.createTempFile(directory, builtIn.jar().jar(), ".partial");
                try (InputStream in = openJar(builtIn.definition())) {
                    Files.copy(in, partial, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the built-in chaincode jars to " + directory, e);
        }
    }

    private static InputStream openJar(Definition definition) {
        InputStream in = stream(definition.jarName());
        if (in == null) {
            throw new IllegalStateException("built-in chaincode jar " + RESOURCE_DIR + "/" + definition.jarName() + " is not in the"
                    + " resources: build the chaincodes module with the service (./mvnw package, or -pl chaincodes,service)");
        }
        return in;
    }

    /** The resource's bytes as a stream, null when it is not shipped. */
    private static InputStream stream(String fileName) {
        return BuiltInChaincodes.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + "/" + fileName);
    }

    private static Optional<byte[]> resource(String fileName) {
        try (InputStream in = stream(fileName)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE_DIR + "/" + fileName, e);
        }
    }

    /**
     * The build step: reads each jar from {@code args[0]} and writes its package beside it,
     * printing the package IDs.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: BuiltInChaincodes <directory with the chaincode jars>");
        }
        Path directory = Path.of(args[0]);
        for (Definition definition : DEFINITIONS) {
            Path jar = directory.resolve(definition.jarName());
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: the chaincodes module builds it");
            }
            ChaincodePackage chaincodePackage = build(definition, Files.readAllBytes(jar));
            Files.write(directory.resolve(definition.packageFileName()), chaincodePackage.bytes().toByteArray());
            System.out.println("built-in chaincode " + definition.name() + ": " + chaincodePackage.packageId());
        }
    }
}
