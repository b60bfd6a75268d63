package io.baas.fabric.sandbox;

import io.baas.fabric.configtx.MspDescription;
import io.baas.fabric.configtx.MspFolder;
import io.baas.fabric.identity.EcdsaSigner;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.sandbox.peer.chaincode.ChaincodeProcesses;
import io.baas.pki.CertifiedKey;
import io.baas.pki.Pem;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * A sandbox node started as Fabric's binaries are: configured by the {@code CORE_*} (peer) or
 * {@code ORDERER_*} (orderer) environment a runtime renders for {@code bin/peer node start} or
 * {@code bin/orderer}, reading its MSP and TLS folders from the paths they name, listening where
 * they say, writing its log to standard output, and running until it is terminated. What runs
 * Fabric nodes as processes (the service's host runtime) can so be tried without Fabric's binaries.
 * Only the settings the sandbox has a use for are read; the rest (gossip, Raft) are accepted and
 * ignored. The sandbox has no Raft: the orderer's cluster port is not opened.
 *
 * <p>Usage: {@code FabricEnvironmentNode peer node start} or {@code FabricEnvironmentNode orderer};
 * a peer runs the chaincode jars of the directory in system property {@value #CHAINCODE_JARS}, or,
 * when its environment names the host's chaincode server map ({@code KS_BAAS_CHAINCODE_SERVERS}),
 * dials CCaaS packages as {@code bin/peer} with the host's ccaas builder does ({@code CcaasDialing}).
 */
public final class FabricEnvironmentNode {

    public static final String CHAINCODE_JARS = "ks-baas.sandbox.chaincode-jars";

    private FabricEnvironmentNode() {
    }

    public static void main(String[] args) throws InterruptedException {
        AutoCloseable node;
        try {
            node = start(args, System.getenv(), System.out);
        } catch (RuntimeException e) {
            System.err.println("cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                // ending anyway
            }
            stopped.countDown();
        }, "sandbox-node-stop"));
        stopped.await();
    }

    static AutoCloseable start(String[] args, Map<String, String> env, PrintStream out) {
        String command = String.join(" ", args);
        if (command.equals("peer node start")) {
            PeerNode peer = PeerNode.start(peer(env));
            peer.log().follow(null, null, line -> out.println(line.text()), out::flush);
            return peer;
        }
        if (command.equals("orderer") || command.equals("orderer start")) {
            OrderingNode orderer = OrderingNode.start(orderer(env));
            orderer.log().follow(null, null, line -> out.println(line.text()), out::flush);
            return orderer;
        }
        throw new SandboxException("unknown command '" + command + "': expected 'peer node start' or 'orderer'");
    }

    static PeerSettings peer(Map<String, String> env) {
        String mspId = required(env, "CORE_PEER_LOCALMSPID");
        Path msp = Path.of(required(env, "CORE_PEER_MSPCONFIGPATH"));
        HostPort listen = hostPort(env, "CORE_PEER_LISTENADDRESS");
        Path data = Path.of(required(env, "CORE_PEER_FILESYSTEMPATH"));
        rememberPorts(data, Map.of("grpc", listen.port(), "operations", hostPort(env, "CORE_OPERATIONS_LISTENADDRESS").port()));
        String jars = System.getProperty(CHAINCODE_JARS);
        if (jars == null) {
            throw new SandboxException("system property " + CHAINCODE_JARS + " must name the directory of chaincode jars");
        }
        CertifiedKey tls = CertifiedKey.fromPem(read(env, "CORE_PEER_TLS_CERT_FILE"), read(env, "CORE_PEER_TLS_KEY_FILE"));
        return new PeerSettings(signer(msp, mspId), localMsp(msp, mspId), tls, List.of(), Map.of(), Path.of(jars), Clock.systemUTC(),
                listen.host(), Optional.of(data), Optional.of(new ChaincodeProcesses(data.resolve("chaincode-processes"))),
                io.baas.fabric.sandbox.peer.chaincode.CcaasDialing.fromEnvironment(env));
    }

    static OrdererSettings orderer(Map<String, String> env) {
        String mspId = required(env, "ORDERER_GENERAL_LOCALMSPID");
        Path msp = Path.of(required(env, "ORDERER_GENERAL_LOCALMSPDIR"));
        String host = required(env, "ORDERER_GENERAL_LISTENADDRESS");
        int port = number(env, "ORDERER_GENERAL_LISTENPORT");
        Path data = Path.of(required(env, "ORDERER_FILELEDGER_LOCATION"));
        rememberPorts(data, Map.of("grpc", port, "admin", hostPort(env, "ORDERER_ADMIN_LISTENADDRESS").port(),
                "operations", hostPort(env, "ORDERER_OPERATIONS_LISTENADDRESS").port()));
        List<X509Certificate> adminCas = new ArrayList<>();
        for (String file : list(required(env, "ORDERER_ADMIN_TLS_CLIENTROOTCAS"))) {
            adminCas.addAll(Pem.certificates(read(Path.of(file))));
        }
        CertifiedKey tls = CertifiedKey.fromPem(read(env, "ORDERER_GENERAL_TLS_CERTIFICATE"), read(env, "ORDERER_GENERAL_TLS_PRIVATEKEY"));
        return new OrdererSettings(signer(msp, mspId), tls, List.of(), adminCas, Clock.systemUTC(), host, Optional.of(data));
    }

    /** Fabric's local MSP folder: the first certificate of signcerts/ and the key of keystore/. */
    private static EcdsaSigner signer(Path msp, String mspId) {
        X509Certificate certificate = Pem.certificates(read(first(msp.resolve("signcerts")))).get(0);
        return EcdsaSigner.fromPkcs8Pem(FabricIdentity.of(mspId, certificate), read(first(msp.resolve("keystore"))));
    }

    private static MspDescription localMsp(Path msp, String mspId) {
        return MspFolder.load(msp, mspId);
    }

    /** The node asks for these ports when it starts (its data directory's record of them). */
    private static void rememberPorts(Path data, Map<String, Integer> ports) {
        new NodePorts(Optional.of(data)).remember(ports);
    }

    private record HostPort(String host, int port) {
    }

    private static HostPort hostPort(Map<String, String> env, String name) {
        String value = required(env, name);
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw new SandboxException(name + "=" + value + " is not host:port");
        }
        try {
            return new HostPort(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new SandboxException(name + "=" + value + " has no numeric port");
        }
    }

    private static int number(Map<String, String> env, String name) {
        try {
            return Integer.parseInt(required(env, name));
        } catch (NumberFormatException e) {
            throw new SandboxException(name + " is not a number");
        }
    }

    /** Fabric's list syntax in an environment variable: {@code [a, b]} or a single value. */
    private static List<String> list(String value) {
        String inner = value.strip();
        if (inner.startsWith("[") && inner.endsWith("]")) {
            inner = inner.substring(1, inner.length() - 1);
        }
        return Stream.of(inner.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new SandboxException(name + " is not set");
        }
        return value;
    }

    private static String read(Map<String, String> env, String name) {
        return read(Path.of(required(env, name)));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Path first(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted().findFirst()
                    .orElseThrow(() -> new SandboxException("no file in " + folder));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
