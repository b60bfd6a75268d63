package io.baas.runtime;

import io.baas.config.BaasConfig;
import io.baas.fabric.admin.OrdererAdminHttpClients;
import io.baas.fabric.gateway.GatewayConnections;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The service's connections to nodes, made once and ended with the application: gRPC channels to
 * peers' Gateways, and the HTTP clients of orderers' admin endpoints.
 */
@Singleton
public class NodeConnectionsProducer {

    private final BaasConfig config;

    NodeConnectionsProducer(BaasConfig config) {
        this.config = config;
    }

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
        return new OrdererAdminHttpClients(config.reconcile().adminTimeout());
    }

    void close(@Disposes OrdererAdminHttpClients clients) {
        clients.close();
    }
}
