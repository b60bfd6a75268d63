package io.baas.runtime;

import io.baas.fabric.admin.OrdererAdminHttpClients;
import io.baas.fabric.gateway.GatewayConnections;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The service's connections to nodes, made once and ended with the application: gRPC channels to
 * peers' Gateways, and the HTTP clients of orderers' admin endpoints.
 */
@Singleton
public class NodeConnectionsProducer {

    /** How long an orderer admin call (join, list, remove) may take. */
    static final Duration ORDERER_ADMIN_TIMEOUT = Duration.ofSeconds(20);

    @Produces
    @Singleton
    GatewayConnections gatewayConnections() {
        return new GatewayConnections();
    }

    void close(@Disposes GatewayConnections connections) {
        connections.close();
    }

    @Produces
    @Singleton
    OrdererAdminHttpClients ordererAdminClients() {
        return new OrdererAdminHttpClients(ORDERER_ADMIN_TIMEOUT);
    }

    void close(@Disposes OrdererAdminHttpClients clients) {
        clients.close();
    }
}
