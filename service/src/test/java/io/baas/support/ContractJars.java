package io.baas.support;

import io.baas.fabric.chaincode.CcaasConnection;
import io.baas.fabric.chaincode.CcaasPackageBuilder;
import io.baas.fabric.chaincode.SandboxJar;
import io.baas.fabric.chaincode.TarEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Third-party chaincode built by the tests: jars of test classes, and the CCaaS packages that name them. */
public final class ContractJars {

    private ContractJars() {
    }

    /** A jar of the given classes, as their build would package them. */
    public static byte[] jar(Class<?>... classes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            add(zip, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes(StandardCharsets.US_ASCII));
            for (Class<?> type : classes) {
                add(zip, classPath(type), classBytes(type));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A runnable CCaaS server jar of the given contracts, as a third party builds one: the shim, its
     * libraries and the chaincode server launcher of the shipped notarization jar, without its
     * contract, with these classes and {@code extra} bytes in a resource (so two builds differ).
     */
    public static byte[] runnable(String extra, Class<?>... contracts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] base = io.baas.fabric.chaincode.BuiltInChaincodes.jar(io.baas.fabric.chaincode.BuiltInChaincodes.NOTARIZATION);
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(base));
             ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().startsWith("io/baas/chaincode/notarization/") || entry.getName().startsWith("META-INF/maven/io.baas")) {
                    continue;
                }
                add(zip, entry.getName(), in.readAllBytes());
            }
            for (Class<?> type : contracts) {
                add(zip, classPath(type), classBytes(type));
            }
            add(zip, "build.txt", extra.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A CCaaS package labelled {@code label} whose sandbox.json names {@code jar} as {@code jarName}, with more code files. */
    public static byte[] packageOf(String label, String jarName, byte[] jar, TarEntry... codeFiles) {
        List<TarEntry> files = new ArrayList<>(List.of(SandboxJar.of(jarName, jar).entry()));
        files.addAll(List.of(codeFiles));
        return CcaasPackageBuilder.build(label, CcaasConnection.plain("chaincode-server:9999", "10s"), files, Instant.EPOCH)
                .bytes().toByteArray();
    }

    /** A CCaaS package naming no jar (it runs only as its server image). */
    public static byte[] packageWithoutJar(String label, TarEntry... codeFiles) {
        return CcaasPackageBuilder.build(label, CcaasConnection.plain("chaincode-server:9999", "10s"), List.of(codeFiles),
                Instant.EPOCH).bytes().toByteArray();
    }

    public static String classPath(Class<?> type) {
        return type.getName().replace('.', '/') + ".class";
    }

    public static byte[] classBytes(Class<?> type) {
        try (InputStream in = type.getResourceAsStream("/" + classPath(type))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void add(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }
}
