package io.baas.fabric.sandbox.participation;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.baas.fabric.sandbox.SandboxException;
import io.baas.fabric.sandbox.orderer.ChannelRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The orderer's admin endpoint: the participation API over HTTPS that requires a client
 * certificate chaining to the admin TLS CAs the SSL context trusts. The JDK's HttpsServer, because
 * it needs no event loop of its own and mutual TLS is one SSLParameters flag.
 */
public final class ParticipationServer implements AutoCloseable {

    private final HttpsServer server;
    private final ExecutorService threads;

    private ParticipationServer(HttpsServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** Listens on host at a port the system chooses; the context must trust the admin TLS CAs only. */
    public static ParticipationServer start(ChannelRegistry registry, String host, SSLContext tls) {
        try {
            return start(registry, host, 0, tls);
        } catch (IOException e) {
            throw new SandboxException("cannot start the participation API on " + host + ": " + e.getMessage(), e);
        }
    }

    /** On the given port (0: any); a port that is taken is an IOException, so the caller may pick another. */
    public static ParticipationServer start(ChannelRegistry registry, String host, int port, SSLContext tls) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(host, port), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = tls.getDefaultSSLParameters();
                parameters.setNeedClientAuth(true);
                params.setSSLParameters(parameters);
            }
        });
        server.createContext("/", new ParticipationHandler(registry));
        ExecutorService threads = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "sandbox-participation");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.start();
        return new ParticipationServer(server, threads);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
