package io.baas.fabric.gateway;

import io.baas.fabric.Sha256;
import io.baas.fabric.tls.TlsMaterial;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One gRPC connection per peer (address and trusted TLS CAs), shared by every identity and call:
 * a connection is expensive (TLS handshake, HTTP/2), a Gateway over it is not. Connections are
 * kept alive and reconnect by themselves; {@link #close()} ends them all.
 */
public final class GatewayConnections implements AutoCloseable {

    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public ManagedChannel channel(GatewayPeer peer) {
        if (closed) {
            throw new IllegalStateException("the gateway connections are closed");
        }
        return channels.computeIfAbsent(key(peer), key -> NettyChannelBuilder.forAddress(peer.host(), peer.port(),
                        TlsChannelCredentials.newBuilder().trustManager(TlsMaterial.trustManagers(peer.tlsCas())).build())
                .keepAliveTime(Duration.ofMinutes(1).toSeconds(), TimeUnit.SECONDS)
                .keepAliveWithoutCalls(true)
                .build());
    }

    /** How many peers have a connection. */
    public int size() {
        return channels.size();
    }

    @Override
    public void close() {
        closed = true;
        channels.values().forEach(ManagedChannel::shutdownNow);
        channels.clear();
    }

    /** Closes the connections to a node that is gone (whatever TLS CAs they trusted); the next call dials anew. */
    public void evict(String address) {
        channels.entrySet().removeIf(entry -> {
            boolean gone = entry.getKey().startsWith(address + "|") || entry.getKey().equals(address);
            if (gone) {
                entry.getValue().shutdownNow();
            }
            return gone;
        });
    }

    /**
     * The address and the SHA-256 of each trusted CA: two CAs never share a key, so a connection made
     * to trust one CA is never handed to a caller that trusts another.
     */
    static String key(GatewayPeer peer) {
        StringBuilder key = new StringBuilder(peer.address());
        for (X509Certificate ca : peer.tlsCas()) {
            try {
                key.append('|').append(HexFormat.of().formatHex(Sha256.newDigest().digest(ca.getEncoded())));
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("unreadable TLS CA of " + peer.address(), e);
            }
        }
        return key.toString();
    }
}
