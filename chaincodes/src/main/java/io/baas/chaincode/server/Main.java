package io.baas.chaincode.server;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.ChaincodeServerProperties;
import org.hyperledger.fabric.shim.NettyChaincodeServer;

/**
 * Runs the jar's contract as a chaincode-as-a-service server: the shim's contract router behind
 * its Netty gRPC server, which Fabric peers dial (the address in the package's connection.json).
 *
 * <p>Environment, as Fabric's CCaaS samples name it:
 * <ul>
 *   <li>{@code CHAINCODE_SERVER_ADDRESS}: {@code host:port} to listen on, e.g. {@code 0.0.0.0:9999} (required)</li>
 *   <li>{@code CORE_CHAINCODE_ID_NAME}: the package ID the peers know the chaincode by (required)</li>
 *   <li>{@code CHAINCODE_TLS_DISABLED}: {@code true} to serve plain gRPC; TLS otherwise</li>
 *   <li>{@code CHAINCODE_TLS_CERT}, {@code CHAINCODE_TLS_KEY}: files with the server's PEM certificate
 *       chain and PKCS#8 key, required with TLS</li>
 *   <li>{@code CHAINCODE_CLIENT_CA_CERT}: a file of PEM CA certificates; when set, peers must present a
 *       client certificate that chains to one (connection.json {@code client_auth_required})</li>
 *   <li>{@code CORE_CHAINCODE_LOGGING_LEVEL}, {@code CORE_CHAINCODE_LOGGING_SHIM}: the contract's and the shim's
 *       log levels, {@code INFO} and {@code WARNING} unless set, as Fabric's peer gives the chaincode it launches
 *       (core.yaml {@code chaincode.logging})</li>
 * </ul>
 */
public final class Main {

    private static final Logger LOGGER = Logger.getLogger(Main.class.getName());

    /**
     * The shim's loggers, held here: the level of a logger nobody references is lost when it is
     * collected. The shim's own start leaves its contract router at the contract's level, three
     * lines per transaction.
     */
    private static final List<Logger> SHIM_LOGGERS =
            List.of(Logger.getLogger("org.hyperledger.fabric.shim"), Logger.getLogger("org.hyperledger.fabric.contract"));

    static final String SHIM_LOG_LEVEL = "CORE_CHAINCODE_LOGGING_SHIM";

    static final String SERVER_ADDRESS = "CHAINCODE_SERVER_ADDRESS";
    static final String CHAINCODE_ID = "CORE_CHAINCODE_ID_NAME";
    static final String TLS_DISABLED = "CHAINCODE_TLS_DISABLED";
    static final String TLS_CERT = "CHAINCODE_TLS_CERT";
    static final String TLS_KEY = "CHAINCODE_TLS_KEY";
    static final String CLIENT_CA_CERT = "CHAINCODE_CLIENT_CA_CERT";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        try {
            checkEnvironment(env);
        } catch (IllegalArgumentException e) {
            System.err.println("chaincode server: " + e.getMessage());
            System.exit(2);
        }
        // The router reads CHAINCODE_SERVER_ADDRESS and CORE_CHAINCODE_ID_NAME itself.
        ContractRouter router = new ContractRouter(args);
        applyShimLogLevel(env);
        ChaincodeServerProperties properties = router.getChaincodeServerConfig();
        configureTls(properties, env);
        LOGGER.info(() -> "serving chaincode " + env.get(CHAINCODE_ID) + " on " + env.get(SERVER_ADDRESS)
                + (properties.isTlsEnabled() ? " with TLS" : " without TLS"));
        router.startRouterWithChaincodeServer(new NettyChaincodeServer(router, properties));
    }

    /** Refuses a start the shim would only fail later and less clearly. */
    static void checkEnvironment(Map<String, String> env) {
        if (isBlank(env.get(SERVER_ADDRESS))) {
            throw new IllegalArgumentException(SERVER_ADDRESS + " is required (host:port to listen on)");
        }
        if (isBlank(env.get(CHAINCODE_ID))) {
            throw new IllegalArgumentException(CHAINCODE_ID + " is required (the package ID)");
        }
        if (tlsEnabled(env)) {
            for (String name : new String[] {TLS_CERT, TLS_KEY}) {
                if (isBlank(env.get(name)) || !Files.isReadable(Path.of(env.get(name)))) {
                    throw new IllegalArgumentException(name + " must name a readable file when TLS is on (set "
                            + TLS_DISABLED + "=true to serve without TLS)");
                }
            }
            String clientCa = env.get(CLIENT_CA_CERT);
            if (!isBlank(clientCa) && !Files.isReadable(Path.of(clientCa))) {
                throw new IllegalArgumentException(CLIENT_CA_CERT + " must name a readable file");
            }
        }
    }

    static void configureTls(ChaincodeServerProperties properties, Map<String, String> env) throws URISyntaxException, IOException {
        if (!tlsEnabled(env)) {
            properties.setTlsEnabled(false);
            return;
        }
        properties.setTlsEnabled(true);
        properties.setKeyCertChainFile(env.get(TLS_CERT));
        properties.setKeyFile(env.get(TLS_KEY));
        if (!isBlank(env.get(CLIENT_CA_CERT))) {
            properties.setTrustCertCollectionFile(env.get(CLIENT_CA_CERT));
        }
    }

    /** The shim's loggers at {@code CORE_CHAINCODE_LOGGING_SHIM}, {@code WARNING} unless set; the level it names, as the shim reads it. */
    static Level applyShimLogLevel(Map<String, String> env) {
        String name = env.getOrDefault(SHIM_LOG_LEVEL, "").strip().toUpperCase(Locale.ROOT);
        Level level = switch (name) {
            case "CRITICAL", "ERROR" -> Level.SEVERE;
            case "INFO", "NOTICE" -> Level.INFO;
            case "DEBUG" -> Level.FINEST;
            default -> Level.WARNING;
        };
        SHIM_LOGGERS.forEach(logger -> logger.setLevel(level));
        return level;
    }

    static boolean tlsEnabled(Map<String, String> env) {
        return !Boolean.parseBoolean(env.getOrDefault(TLS_DISABLED, "false").strip());
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
