package io.baas.fabric.sandbox;

import io.baas.fabric.admin.PeerAdminClient;
import io.baas.fabric.configtx.BatchSize;
import io.baas.fabric.configtx.ChannelDescription;
import io.baas.fabric.identity.Signer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The two-organization sandbox network of the flow tests, running for each test: the material of
 * {@link SandboxNetwork}, an orderer that has joined {@link SandboxNetwork#CHANNEL} from its genesis
 * block, and peer0 of Org1 and of Org2, each joined to the channel by its organization's admin.
 * Register it on an instance field:
 * <pre>{@code @RegisterExtension final SandboxNetworkExtension sandbox = SandboxNetworkExtension.withBatch(...);}</pre>
 * It starts before the test class's own {@code @BeforeEach} methods and stops after its {@code @AfterEach}.
 */
public final class SandboxNetworkExtension implements BeforeEachCallback, AfterEachCallback {

    /** One transaction per block, as the peer CLI's flows expect to see each one committed on its own. */
    public static final BatchSize ONE_PER_BLOCK = new BatchSize(1, 99 * BatchSize.MEGABYTE, 512 * 1024);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(20);

    private final SandboxNetwork network = new SandboxNetwork();
    private final ChannelDescription channel;
    private JarWriter chaincodeJarWriter = jars -> { };
    private java.util.function.Consumer<io.baas.fabric.sandbox.peer.chaincode.ChaincodeProcesses> processJars;
    private io.baas.fabric.sandbox.peer.chaincode.ChaincodeProcesses processes;
    private Path jars;
    private Block genesis;
    private OrderingNode orderer;
    private PeerNode peer1;
    private PeerNode peer2;

    private SandboxNetworkExtension(BatchSize batchSize, Duration batchTimeout) {
        this.channel = network.channel(batchSize, batchTimeout);
    }

    /** A network whose channel cuts blocks with these batch settings. */
    public static SandboxNetworkExtension withBatch(BatchSize batchSize, Duration batchTimeout) {
        return new SandboxNetworkExtension(batchSize, batchTimeout);
    }

    /** Writes the chaincode jars the peers load into their jar directory before they start. */
    public SandboxNetworkExtension withChaincodeJars(JarWriter writer) {
        this.chaincodeJarWriter = writer;
        return this;
    }

    /** Stages jars the peers run as processes of their own (as uploaded chaincode runs), before they start. */
    public SandboxNetworkExtension withChaincodeProcesses(java.util.function.Consumer<io.baas.fabric.sandbox.peer.chaincode.ChaincodeProcesses> stage) {
        this.processJars = stage;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        jars = Files.createTempDirectory("sandbox-jars");
        chaincodeJarWriter.write(jars);
        orderer = OrderingNode.start(network.ordererSettings());
        genesis = network.genesis(channel);
        orderer.channels().join(genesis);
        if (processJars != null) {
            processes = new io.baas.fabric.sandbox.peer.chaincode.ChaincodeProcesses(jars.resolve("processes"));
            processJars.accept(processes);
        }
        peer1 = PeerNode.start(settings(1));
        peer2 = PeerNode.start(settings(2));
        for (int org = 1; org <= 2; org++) {
            try (PeerAdminClient admin = new PeerAdminClient("127.0.0.1", peer(org).port(), List.of(network.tlsCa(org)),
                    JOIN_TIMEOUT, SandboxNetwork.CLOCK)) {
                PeerAdminClient.JoinOutcome joined = admin.joinChannel(admin(org), genesis);
                if (joined != PeerAdminClient.JoinOutcome.JOINED) {
                    throw new IllegalStateException("peer0 of Org" + org + " did not join the channel: " + joined);
                }
            }
        }
    }

    private PeerSettings settings(int org) {
        PeerSettings settings = network.peerSettings(org, orderer.port(), jars);
        return processes == null ? settings : settings.withChaincodeProcesses(processes);
    }

    /** Closes whatever started, also after a start that failed half-way. */
    @Override
    public void afterEach(ExtensionContext context) {
        for (AutoCloseable node : Stream.<AutoCloseable>of(peer1, peer2, orderer).filter(java.util.Objects::nonNull).toList()) {
            try {
                node.close();
            } catch (Exception e) {
                throw new IllegalStateException("a sandbox node does not close", e);
            }
        }
        peer1 = null;
        peer2 = null;
        orderer = null;
        if (processes != null) {
            processes.close();
            processes = null;
        }
        deleteJars();
    }

    public SandboxNetwork network() {
        return network;
    }

    public ChannelDescription channel() {
        return channel;
    }

    public Block genesis() {
        return genesis;
    }

    public OrderingNode orderer() {
        return orderer;
    }

    /** peer0 of Org1 or Org2. */
    public PeerNode peer(int org) {
        return org == 1 ? peer1 : peer2;
    }

    /** The admin of Org1 or Org2. */
    public Signer admin(int org) {
        return org == 1 ? network.org1Admin : network.org2Admin;
    }

    /** The directory the peers load chaincode jars from. */
    public Path chaincodeJars() {
        return jars;
    }

    /** Writes jars into the directory the peers load them from. */
    @FunctionalInterface
    public interface JarWriter {
        void write(Path directory) throws Exception;
    }

    private void deleteJars() {
        if (jars == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(jars)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jars = null;
    }
}
