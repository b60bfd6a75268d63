package io.baas.cli;

import io.baas.fabric.configtx.HostPort;
import io.baas.fabric.identity.EcdsaSigner;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.Signer;
import io.baas.pki.CertifiedKey;
import io.baas.pki.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;

/** The files operators hand the tool: PEM certificates and keys, MSP folders, host:port endpoints. */
final class CliFiles {

    private CliFiles() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new CliInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static org.hyperledger.fabric.protos.common.Block block(Path file) {
        try {
            return org.hyperledger.fabric.protos.common.Block.parseFrom(readBytes(file));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new CliInputException(file + " is not a block: " + e.getMessage(), e);
        }
    }

    static void write(Path file, byte[] content) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.write(file, content);
        } catch (IOException e) {
            throw new CliInputException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static List<X509Certificate> certificates(Path pemFile) {
        List<X509Certificate> certificates = Pem.certificates(read(pemFile));
        if (certificates.isEmpty()) {
            throw new CliInputException(pemFile + " holds no PEM certificate");
        }
        return certificates;
    }

    static CertifiedKey certifiedKey(Path certificate, Path key) {
        return CertifiedKey.fromPem(read(certificate), read(key));
    }

    /**
     * The signer of a local MSP folder as Fabric's peer CLI reads it: the first certificate in
     * {@code signcerts/} and the key in {@code keystore/}.
     */
    static Signer signer(Path mspDirectory, String mspId) {
        Path certificate = onlyFile(mspDirectory.resolve("signcerts"));
        Path key = onlyFile(mspDirectory.resolve("keystore"));
        X509Certificate signing = Pem.certificate(read(certificate));
        return EcdsaSigner.fromPkcs8Pem(FabricIdentity.of(mspId, signing), read(key));
    }

    static HostPort endpoint(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new CliInputException("endpoint '" + text + "' is not host:port");
        }
        try {
            return new HostPort(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new CliInputException("endpoint '" + text + "' has no numeric port", e);
        }
    }

    private static Path onlyFile(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> found = files.filter(Files::isRegularFile).sorted().toList();
            if (found.isEmpty()) {
                throw new CliInputException(directory + " holds no file");
            }
            return found.get(0);
        } catch (IOException e) {
            throw new CliInputException("cannot list " + directory + ": " + e.getMessage(), e);
        }
    }
}
