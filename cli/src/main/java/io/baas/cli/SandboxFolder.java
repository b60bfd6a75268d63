package io.baas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a local sandbox network keeps everything, so that {@code up} resumes it: the
 * organizations' material (as {@code org generate} writes it), each node's data directory, the
 * channel's description and genesis block, staged chaincode jars, the connection profiles, and
 * the running network's endpoints. One network per folder.
 */
record SandboxFolder(Path root) {

    static final String ORDERER_MSP = "OrdererMSP";
    static final String ORDERER_DOMAIN = "example.com";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What the network was made with, fixed at its first {@code up}. */
    record Settings(String channel, int organizations) {
    }

    /** A member organization of the network: its MSP ID, domain and material folder. */
    record Member(int number, String mspId, String domain, Path folder) {

        String peer() {
            return "peer0." + domain;
        }

        Path peerHome() {
            return folder.resolve("peers").resolve(peer());
        }

        Path admin() {
            return folder.resolve("users").resolve("Admin@" + domain).resolve("msp");
        }

        Path user() {
            return folder.resolve("users").resolve("User1@" + domain);
        }

        Path tlsCa() {
            return peerHome().resolve("tls").resolve("ca.crt");
        }
    }

    /** The running network as {@code serve} wrote it when it was ready. */
    record Endpoints(long pid, String channel, int ordererPort, int ordererAdminPort, Map<String, Integer> peerPorts) {
    }

    Path organizations() {
        return root.resolve("organizations");
    }

    Path ordererOrganization() {
        return organizations().resolve("orderer-org");
    }

    Path ordererHome() {
        return ordererOrganization().resolve("orderers").resolve("orderer0." + ORDERER_DOMAIN);
    }

    Path ordererAdmin() {
        return ordererOrganization().resolve("users").resolve("Admin@" + ORDERER_DOMAIN);
    }

    Member member(int number) {
        return new Member(number, "Org" + number + "MSP", "org" + number + ".example.com", organizations().resolve("org" + number));
    }

    List<Member> members(Settings settings) {
        List<Member> members = new ArrayList<>();
        for (int number = 1; number <= settings.organizations(); number++) {
            members.add(member(number));
        }
        return members;
    }

    Path nodeData(String node) {
        return root.resolve("nodes").resolve(node);
    }

    Path chaincodeProcesses() {
        return root.resolve("chaincode-processes");
    }

    /** In-process chaincode jars: none, so that every deployed jar runs as a process of its own. */
    Path chaincodeJars() {
        return root.resolve("chaincode-jars");
    }

    Path packages() {
        return root.resolve("packages");
    }

    Path profiles() {
        return root.resolve("profiles");
    }

    Path channelDescription() {
        return root.resolve("channel.yaml");
    }

    Path genesis(Settings settings) {
        return root.resolve(settings.channel() + ".block");
    }

    Path log() {
        return root.resolve("sandbox.log");
    }

    private Path settingsFile() {
        return root.resolve("sandbox.json");
    }

    private Path endpointsFile() {
        return root.resolve("endpoints.json");
    }

    Optional<Settings> settings() {
        return readJson(settingsFile()).map(json -> new Settings(json.path("channel").asText(), json.path("organizations").asInt()));
    }

    void writeSettings(Settings settings) {
        ObjectNode json = JSON.createObjectNode().put("channel", settings.channel()).put("organizations", settings.organizations());
        writeJson(settingsFile(), json);
    }

    Optional<Endpoints> endpoints() {
        return readJson(endpointsFile()).map(json -> {
            Map<String, Integer> peers = new LinkedHashMap<>();
            json.path("peers").fields().forEachRemaining(peer -> peers.put(peer.getKey(), peer.getValue().asInt()));
            return new Endpoints(json.path("pid").asLong(), json.path("channel").asText(), json.path("orderer").asInt(),
                    json.path("ordererAdmin").asInt(), peers);
        });
    }

    /** Written whole, then renamed: a reader never sees half of it. */
    void writeEndpoints(Endpoints endpoints) {
        ObjectNode json = JSON.createObjectNode().put("pid", endpoints.pid()).put("channel", endpoints.channel())
                .put("orderer", endpoints.ordererPort()).put("ordererAdmin", endpoints.ordererAdminPort());
        ObjectNode peers = json.putObject("peers");
        endpoints.peerPorts().forEach(peers::put);
        writeJson(endpointsFile(), json);
    }

    void clearEndpoints(long pid) {
        if (endpoints().filter(written -> written.pid() == pid).isPresent()) {
            try {
                Files.deleteIfExists(endpointsFile());
            } catch (IOException e) {
                // The next up checks whether that pid still runs.
            }
        }
    }

    /** The endpoints of a network whose process still runs; empty when none does. */
    Optional<Endpoints> running() {
        return endpoints().filter(written -> ProcessHandle.of(written.pid()).map(ProcessHandle::isAlive).orElse(false));
    }

    private static Optional<JsonNode> readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new CliInputException(file + " is not readable JSON: " + e.getMessage());
        }
    }

    private static void writeJson(Path file, JsonNode json) {
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            JSON.writeValue(partial.toFile(), json);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
