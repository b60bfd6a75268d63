package io.baas.cli;

import io.baas.fabric.configtx.HostPort;
import io.baas.fabric.identity.EcdsaSigner;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.Signer;
import io.baas.pki.CertifiedKey;
import io.baas.pki.Pem;
import io.baas.fabric.configtx.ChannelConfigException;
import io.baas.fabric.configtx.MspDescription;
import io.baas.fabric.configtx.MspFolder;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;

/** The files operators hand the tool: PEM certificates and keys, MSP folders, host:port endpoints. */
final class CliFiles {

    private CliFiles() {
    }

    /** The text of a file named by {@code source}: an option such as {@code --tls-ca}, or an entry of a file. */
    static String read(String source, Path file) {
        return new String(readBytes(source, file), java.nio.charset.StandardCharsets.UTF_8);
    }

    static byte[] readBytes(String source, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw unreadable(source, file, e);
        }
    }

    static org.hyperledger.fabric.protos.common.Block block(String source, Path file) {
        try {
            return org.hyperledger.fabric.protos.common.Block.parseFrom(readBytes(source, file));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new CliInputException(source + ": " + file + " is not a block: " + e.getMessage(), e);
        }
    }

    static void write(Path file, byte[] content) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.write(file, content);
        } catch (IOException e) {
            throw new CliInputException("cannot write " + file + ": " + reason(e), e);
        }
    }

    static List<X509Certificate> certificates(String source, Path pemFile) {
        List<X509Certificate> certificates = Pem.certificates(read(source, pemFile));
        if (certificates.isEmpty()) {
            throw new CliInputException(source + ": " + pemFile + " holds no PEM certificate");
        }
        return certificates;
    }

    static CertifiedKey certifiedKey(String certificateSource, Path certificate, String keySource, Path key) {
        return CertifiedKey.fromPem(read(certificateSource, certificate), read(keySource, key));
    }

    /**
     * The signer of a local MSP folder as Fabric's peer CLI reads it: the first certificate in
     * {@code signcerts/} and the key in {@code keystore/}.
     */
    static Signer signer(String source, Path mspDirectory, String mspId) {
        requireFolder(source, mspDirectory);
        Path certificate = firstFile(source, mspDirectory.resolve("signcerts"), "the signing certificate");
        Path key = firstFile(source, mspDirectory.resolve("keystore"), "the signing key");
        X509Certificate signing = Pem.certificate(read(source, certificate));
        return EcdsaSigner.fromPkcs8Pem(FabricIdentity.of(mspId, signing), read(source, key));
    }

    /** The verifying part of an MSP folder, for a channel's configuration. */
    static MspDescription mspFolder(String source, Path folder, String mspId) {
        requireFolder(source, folder);
        try {
            return MspFolder.load(folder, mspId);
        } catch (ChannelConfigException e) {
            throw new CliInputException(source + ": " + e.getMessage(), e);
        }
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

    private static void requireFolder(String source, Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new CliInputException(source + ": " + (Files.exists(folder) ? folder + " is a file, not an MSP folder"
                    : "no MSP folder at " + folder));
        }
    }

    private static Path firstFile(String source, Path directory, String what) {
        if (!Files.isDirectory(directory)) {
            throw new CliInputException(source + ": " + directory + " is missing (it holds " + what + ")");
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> found = files.filter(Files::isRegularFile).sorted().toList();
            if (found.isEmpty()) {
                throw new CliInputException(source + ": " + directory + " is empty (it should hold " + what + ")");
            }
            return found.get(0);
        } catch (IOException e) {
            throw unreadable(source, directory, e);
        }
    }

    /** Says what is wrong with the file in words, not as the JDK's exception name and path. */
    private static CliInputException unreadable(String source, Path file, IOException e) {
        String problem;
        if (e instanceof NoSuchFileException) {
            problem = "no file at " + file;
        } else if (Files.isDirectory(file)) {
            problem = file + " is a folder, not a file";
        } else if (e instanceof AccessDeniedException) {
            problem = file + " cannot be read (permission denied)";
        } else {
            problem = "cannot read " + file + ": " + reason(e);
        }
        return new CliInputException(source + ": " + problem, e);
    }

    private static String reason(IOException e) {
        return e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }
}
