package io.baas.fabric.sandbox.peer.gateway;

import io.baas.fabric.admin.OrdererClient;
import io.baas.fabric.configtx.HostPort;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Gateway's connections to its channels' orderers, one per address and TLS roots, kept open
 * for every submission as Fabric's gateway keeps its broadcast clients (a new connection per
 * transaction cost a TLS handshake each). New roots from a config update get a new connection.
 */
final class OrdererConnections implements AutoCloseable {

    /** Only a default: each broadcast is given the time its caller has left. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    private record Target(HostPort address, List<X509Certificate> tlsRoots) {
    }

    private final Map<Target, OrdererClient> clients = new ConcurrentHashMap<>();
    private volatile boolean closed;

    OrdererClient to(HostPort address, List<X509Certificate> tlsRoots) {
        if (closed) {
            throw new IllegalStateException("the gateway is closed");
        }
        return clients.computeIfAbsent(new Target(address, List.copyOf(tlsRoots)),
                target -> new OrdererClient(target.address().host(), target.address().port(), target.tlsRoots(), Optional.empty(),
                        DEFAULT_TIMEOUT));
    }

    @Override
    public void close() {
        closed = true;
        clients.values().forEach(OrdererClient::close);
        clients.clear();
    }
}
