package io.baas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What an application developer needs to reach the network as a member: per organization, a
 * Fabric connection profile (the common format SDKs read) and a fabric-gateway snippet wired to
 * the organization's client user, its peer and its TLS CA.
 */
final class SandboxProfiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SandboxProfiles() {
    }

    static void write(SandboxFolder folder, SandboxFolder.Settings settings, SandboxFolder.Endpoints endpoints) {
        try {
            Files.createDirectories(folder.profiles());
            for (SandboxFolder.Member member : folder.members(settings)) {
                int port = endpoints.peerPorts().get(member.mspId());
                Files.writeString(folder.profiles().resolve("org" + member.number() + "-connection.json"),
                        JSON.writeValueAsString(connectionProfile(member, port)));
                Files.writeString(folder.profiles().resolve("org" + member.number() + "-gateway.java"), gatewaySnippet(member, port,
                        settings.channel()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the connection profiles in " + folder.profiles(), e);
        }
    }

    private static ObjectNode connectionProfile(SandboxFolder.Member member, int port) throws IOException {
        ObjectNode profile = JSON.createObjectNode().put("name", "ks-baas-sandbox-org" + member.number()).put("version", "1.0.0");
        profile.putObject("client").put("organization", "Org" + member.number());
        ObjectNode organization = profile.putObject("organizations").putObject("Org" + member.number());
        organization.put("mspid", member.mspId()).putArray("peers").add(member.peer());
        ObjectNode peer = profile.putObject("peers").putObject(member.peer());
        peer.put("url", "grpcs://127.0.0.1:" + port);
        peer.putObject("tlsCACerts").put("pem", Files.readString(member.tlsCa()));
        peer.putObject("grpcOptions").put("ssl-target-name-override", member.peer()).put("hostnameOverride", member.peer());
        return profile;
    }

    private static String gatewaySnippet(SandboxFolder.Member member, int port, String channel) throws IOException {
        Path user = member.user().resolve("msp");
        return """
                // %1$s as %2$s, through %3$s (127.0.0.1:%4$d): fabric-gateway 1.x, grpc-netty-shaded.
                ManagedChannel grpc = Grpc.newChannelBuilder("127.0.0.1:%4$d",
                        TlsChannelCredentials.newBuilder().trustManager(new File("%5$s")).build()).build();
                Identity identity = new X509Identity("%1$s",
                        Identities.readX509Certificate(Files.newBufferedReader(Path.of("%6$s"))));
                Signer signer = Signers.newPrivateKeySigner(
                        Identities.readPrivateKey(Files.newBufferedReader(Path.of("%7$s"))));
                try (Gateway gateway = Gateway.newInstance().identity(identity).signer(signer).hash(Hash.SHA256)
                        .connection(grpc).connect()) {
                    Contract contract = gateway.getNetwork("%8$s").getContract("YOUR_CHAINCODE");
                    byte[] result = contract.submitTransaction("YourFunction", "arg");
                } finally {
                    grpc.shutdownNow();
                }
                """.formatted(member.mspId(), member.user().getFileName(), member.peer(), port, member.tlsCa(),
                onlyFile(user.resolve("signcerts")), onlyFile(user.resolve("keystore")), channel);
    }

    private static Path onlyFile(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).findFirst()
                    .orElseThrow(() -> new CliInputException(directory + " holds no file"));
        }
    }
}
