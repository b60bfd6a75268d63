package io.baas.fabric.sandbox.peer.chaincode;

import io.baas.fabric.chaincode.CcaasBuild;
import io.baas.fabric.chaincode.ChaincodeServerMap;
import io.baas.fabric.chaincode.ParsedPackage;
import io.baas.pki.Pem;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox peer standing in for {@code bin/peer} on the host runtime: a CCaaS package is not run
 * from its jar but dialed as Fabric's {@code ccaas} builder and the host's builder make a peer dial
 * it. Its {@code connection.json} is filled from the peer's CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG,
 * and the filled address (a Service name on Kubernetes) is looked up in the host's
 * {@link ChaincodeServerMap}, which names where the platform runs that server. Client
 * authentication towards the server is not offered (the platform's packages do not ask for it).
 *
 * @param values the builder configuration's values
 * @param serverMap the host's map of chaincode servers
 */
public record CcaasDialing(Map<String, String> values, Path serverMap) {

    public CcaasDialing {
        values = Map.copyOf(values);
    }

    /** Present when the peer's environment names the host's server map. */
    public static Optional<CcaasDialing> fromEnvironment(Map<String, String> env) {
        return Optional.ofNullable(env.get(ChaincodeServerMap.ENV)).filter(file -> !file.isBlank())
                .map(file -> new CcaasDialing(CcaasBuild.values(env.get(CcaasBuild.BUILDER_CONFIG)), Path.of(file)));
    }

    /**
     * A package's server as the install builds it: fails, as the builder's release would, when
     * connection.json cannot be filled or no server runs for its address on this host.
     *
     * @param requireServer false when a peer re-reads the packages it installed before (its build is kept, as Fabric keeps it)
     */
    public Server build(ParsedPackage parsed, boolean requireServer) {
        CcaasBuild.Connection connection = CcaasBuild.fill(parsed, values);
        if (requireServer && ChaincodeServerMap.lookup(serverMap, connection.address()).isEmpty()) {
            throw new IllegalArgumentException("no chaincode server runs for " + connection.address() + " on this host (" + serverMap + ")");
        }
        List<X509Certificate> roots = connection.tlsRootCert().map(Pem::certificates).orElse(List.of());
        if (connection.tlsRootCert().isPresent() && roots.isEmpty()) {
            throw new IllegalArgumentException("connection.json requires TLS but its root_cert holds no certificate");
        }
        return new Server(connection.address(), serverMap, connection.tlsRootCert().map(pem -> roots));
    }

    /**
     * One package's server.
     *
     * @param named the address connection.json names, filled in
     * @param tlsRoots the roots the server's certificate must chain to; empty for plain gRPC
     */
    public record Server(String named, Path serverMap, Optional<List<X509Certificate>> tlsRoots) {

        /** Where it listens now: looked up at every dial, so a server the host moved is found again. */
        public ChaincodeProcesses.Address address() {
            String target = ChaincodeServerMap.lookup(serverMap, named).orElseThrow(() -> new IllegalStateException(
                    "no chaincode server runs for " + named + " on this host"));
            int colon = target.lastIndexOf(':');
            return new ChaincodeProcesses.Address(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
        }
    }
}
