package io.baas.fabric.configtx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the verifying part of a Fabric MSP folder (cacerts, intermediatecerts, admincerts,
 * tlscacerts, tlsintermediatecerts, crls, config.yaml) the way configtxgen's msp loader does:
 * files in name order, their bytes verbatim.
 */
public final class MspFolder {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private MspFolder() {
    }

    public static MspDescription load(Path folder, String mspId) {
        List<ByteString> rootCerts = pemFiles(folder.resolve("cacerts"));
        if (rootCerts.isEmpty()) {
            throw new ChannelConfigException("no CA certificate in " + folder.resolve("cacerts"));
        }
        List<ByteString> tlsRootCerts = pemFiles(folder.resolve("tlscacerts"));
        // Fabric reads TLS intermediates only when there are TLS roots to chain them to.
        List<ByteString> tlsIntermediateCerts = tlsRootCerts.isEmpty() ? List.of() : pemFiles(folder.resolve("tlsintermediatecerts"));
        return new MspDescription(mspId, rootCerts, pemFiles(folder.resolve("intermediatecerts")),
                pemFiles(folder.resolve("admincerts")), tlsRootCerts, tlsIntermediateCerts, pemFiles(folder.resolve("crls")),
                nodeOus(folder));
    }

    /** A missing folder is empty; files without a PEM block are skipped, as Fabric skips them. */
    private static List<ByteString> pemFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<ByteString> contents = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(file);
                if (new String(bytes, StandardCharsets.ISO_8859_1).contains("-----BEGIN ")) {
                    contents.add(ByteString.copyFrom(bytes));
                }
            }
        } catch (IOException e) {
            throw new ChannelConfigException("cannot read " + folder + ": " + e.getMessage(), e);
        }
        return contents;
    }

    private static Optional<NodeOus> nodeOus(Path folder) {
        Path configFile = folder.resolve("config.yaml");
        if (!Files.isRegularFile(configFile)) {
            return Optional.empty();
        }
        JsonNode config;
        try {
            config = YAML.readTree(configFile.toFile());
        } catch (IOException e) {
            throw new ChannelConfigException("cannot parse " + configFile + ": " + e.getMessage(), e);
        }
        if (config == null) {
            return Optional.empty();
        }
        if (config.path("OrganizationalUnitIdentifiers").size() > 0) {
            throw new ChannelConfigException(configFile + ": OrganizationalUnitIdentifiers are not supported, only NodeOUs");
        }
        JsonNode nodeOus = config.path("NodeOUs");
        if (!nodeOus.path("Enable").asBoolean(false)) {
            return Optional.empty();
        }
        return Optional.of(new NodeOus(
                ou(folder, nodeOus.path("ClientOUIdentifier")),
                ou(folder, nodeOus.path("PeerOUIdentifier")),
                ou(folder, nodeOus.path("AdminOUIdentifier")),
                ou(folder, nodeOus.path("OrdererOUIdentifier"))));
    }

    /** Fabric ignores an identifier without an OU name; a named but unreadable certificate is an error here. */
    private static Optional<OuIdentifier> ou(Path folder, JsonNode identifier) {
        String name = identifier.path("OrganizationalUnitIdentifier").asText("");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String certificate = identifier.path("Certificate").asText("");
        if (certificate.isEmpty()) {
            return Optional.of(new OuIdentifier(name, Optional.empty()));
        }
        Path file = folder.resolve(certificate);
        try {
            return Optional.of(new OuIdentifier(name, Optional.of(ByteString.copyFrom(Files.readAllBytes(file)))));
        } catch (IOException e) {
            throw new ChannelConfigException("NodeOU " + name + " certificate " + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
