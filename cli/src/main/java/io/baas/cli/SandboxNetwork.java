package io.baas.cli;

import io.baas.fabric.configtx.MspFolder;
import io.baas.fabric.sandbox.OrdererSettings;
import io.baas.fabric.sandbox.OrderingNode;
import io.baas.fabric.sandbox.PeerNode;
import io.baas.fabric.sandbox.PeerSettings;
import io.baas.fabric.sandbox.peer.chaincode.ChaincodeProcesses;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sandbox network in this JVM from a {@link SandboxFolder}: one orderer and one peer per
 * member organization on loopback, each with its data directory (so ports, ledgers and installed
 * chaincodes survive a restart), and, the first time, the channel made and joined through the
 * tool's own commands, as an operator would make it.
 */
final class SandboxNetwork implements AutoCloseable {

    private final SandboxFolder folder;
    private final SandboxFolder.Settings settings;
    private final OrderingNode orderer;
    private final Map<String, PeerNode> peers = new LinkedHashMap<>();
    private final ChaincodeProcesses processes;

    private SandboxNetwork(SandboxFolder folder, SandboxFolder.Settings settings, OrderingNode orderer, ChaincodeProcesses processes) {
        this.folder = folder;
        this.settings = settings;
        this.orderer = orderer;
        this.processes = processes;
    }

    static SandboxNetwork start(SandboxFolder folder, SandboxFolder.Settings settings) {
        Clock clock = Clock.systemUTC();
        Path ordererHome = folder.ordererHome();
        OrderingNode orderer = OrderingNode.start(OrdererSettings.loopback(
                CliFiles.signer("orderer", ordererHome.resolve("msp"), SandboxFolder.ORDERER_MSP),
                CliFiles.certifiedKey("orderer TLS", ordererHome.resolve("tls/server.crt"), "orderer TLS key", ordererHome.resolve("tls/server.key")),
                CliFiles.certificates("orderer TLS CA", ordererHome.resolve("tls/ca.crt")), clock)
                .withDataDirectory(folder.nodeData("orderer0")));
        SandboxNetwork network = new SandboxNetwork(folder, settings, orderer, new ChaincodeProcesses(folder.chaincodeProcesses()));
        try {
            Files.createDirectories(folder.chaincodeJars());
            for (SandboxFolder.Member member : folder.members(settings)) {
                Path home = member.peerHome();
                PeerSettings peer = PeerSettings.loopback(CliFiles.signer("peer", home.resolve("msp"), member.mspId()),
                        MspFolder.load(member.folder().resolve("msp"), member.mspId()),
                        CliFiles.certifiedKey("peer TLS", home.resolve("tls/server.crt"), "peer TLS key", home.resolve("tls/server.key")),
                        Map.of(), folder.chaincodeJars(), clock)
                        .withDataDirectory(folder.nodeData(member.peer()))
                        .withChaincodeProcesses(network.processes);
                network.peers.put(member.mspId(), PeerNode.start(peer));
            }
            if (!Files.isRegularFile(folder.genesis(settings))) {
                network.makeChannel();
            }
            return network;
        } catch (IOException e) {
            network.close();
            throw new UncheckedIOException("cannot start the sandbox network in " + folder.root(), e);
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /** The channel from its description, joined by the orderer and every peer; its genesis block written last, as the sign it is done. */
    private void makeChannel() throws IOException {
        Files.writeString(folder.channelDescription(), channelDescription());
        Path partial = folder.root().resolve(settings.channel() + ".block.partial");
        run("channel", "genesis", "--config", folder.channelDescription().toString(), "--out", partial.toString());
        Path admin = folder.ordererAdmin();
        run("orderer", "join", "--block", partial.toString(), "--admin", "127.0.0.1:" + orderer.adminPort(),
                "--tls-ca", folder.ordererHome().resolve("tls/ca.crt").toString(),
                "--tls-cert", admin.resolve("tls/client.crt").toString(), "--tls-key", admin.resolve("tls/client.key").toString());
        for (SandboxFolder.Member member : folder.members(settings)) {
            List<String> join = new ArrayList<>(List.of("peer", "join", "--block", partial.toString()));
            join.addAll(peerOptions(member, peers.get(member.mspId()).port()));
            run(join.toArray(String[]::new));
        }
        Files.move(partial, folder.genesis(settings), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Fabric's test-network settings: every member endorses by MAJORITY; blocks cut at 100 transactions or 250 ms. */
    private String channelDescription() {
        StringBuilder yaml = new StringBuilder();
        yaml.append("channel: ").append(settings.channel()).append('\n')
                .append("orderer:\n  organizations:\n    - mspId: ").append(SandboxFolder.ORDERER_MSP).append('\n')
                .append("      mspDir: ").append(folder.ordererOrganization().resolve("msp")).append('\n')
                .append("      endpoints: [\"127.0.0.1:").append(orderer.port()).append("\"]\n")
                .append("  consenters:\n    - host: 127.0.0.1\n      port: ").append(orderer.port()).append('\n')
                .append("      tlsCert: ").append(folder.ordererHome().resolve("tls/server.crt")).append('\n')
                .append("  batch:\n    timeout: 250ms\n    maxMessageCount: 100\n")
                .append("application:\n  organizations:\n");
        for (SandboxFolder.Member member : folder.members(settings)) {
            yaml.append("    - mspId: ").append(member.mspId()).append('\n')
                    .append("      mspDir: ").append(member.folder().resolve("msp")).append('\n')
                    .append("      anchorPeers: [\"127.0.0.1:").append(peers.get(member.mspId()).port()).append("\"]\n");
        }
        return yaml.toString();
    }

    SandboxFolder.Endpoints endpoints() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        peers.forEach((mspId, peer) -> ports.put(mspId, peer.port()));
        return new SandboxFolder.Endpoints(ProcessHandle.current().pid(), settings.channel(), orderer.port(), orderer.adminPort(), ports);
    }

    /** How the tool's commands reach a member's peer as its admin. */
    static List<String> peerOptions(SandboxFolder.Member member, int port) {
        return List.of("--timeout", "2m", "--peer", "127.0.0.1:" + port, "--tls-ca", member.tlsCa().toString(),
                "--msp-dir", member.admin().toString(), "--msp-id", member.mspId());
    }

    /** One of the tool's own commands, in this process; what it printed, or its error as the failure. */
    static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FabricCli.execute(args, new PrintWriter(out), new PrintWriter(err));
        if (code != 0) {
            throw new SandboxStepException(String.join(" ", args[0], args[1]), code, err.toString().strip());
        }
        return out.toString();
    }

    /** A step of the sandbox that one of the tool's commands refused or failed. */
    static final class SandboxStepException extends RuntimeException {
        private final int code;

        SandboxStepException(String step, int code, String message) {
            super(step + ": " + message);
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    @Override
    public void close() {
        List<AutoCloseable> nodes = new ArrayList<>(peers.values());
        nodes.add(orderer);
        nodes.add(processes);
        for (AutoCloseable node : nodes) {
            try {
                node.close();
            } catch (Exception e) {
                // Stopping the others matters more.
            }
        }
    }
}
