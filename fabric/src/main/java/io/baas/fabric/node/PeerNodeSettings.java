package io.baas.fabric.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What configures a Fabric 2.5 peer, whatever runs it: identity, listen and announced addresses,
 * TLS, gossip, the gateway, the operations endpoint and the {@code ccaas} builder's values, as the
 * {@code CORE_*} variables that override its core.yaml. One description, rendered into a pod's
 * environment by the Kubernetes runtime and into a process's by the host runtime. The state
 * database is left to each: its credentials come from a Secret in one and do not exist in the other.
 *
 * @param id the peer's ID ({@code CORE_PEER_ID})
 * @param listenHost the address its listeners bind ({@code 0.0.0.0} in a pod, a chosen address on a host)
 * @param endpoint the host:port clients, other peers and the gateway dial, announced by gossip
 * @param gossipBootstrap the organization's other peers' endpoints
 * @param chaincodeBuilderConfig the JSON the {@code ccaas} builder's connection.json templates see
 */
public record PeerNodeSettings(String id, String mspId, NodeFolders folders, String listenHost, Ports ports, String endpoint,
                               List<String> gossipBootstrap, boolean operationsTls, String chaincodeBuilderConfig) {

    /** The ports it listens on: peer services, chaincode callbacks, operations (health, metrics). */
    public record Ports(int peer, int chaincode, int operations) {
    }

    public PeerNodeSettings {
        gossipBootstrap = List.copyOf(gossipBootstrap);
    }

    /** The variables in a fixed order (a pod template that changes order is a new revision). */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CORE_PEER_ID", id);
        env.put("CORE_PEER_LOCALMSPID", mspId);
        env.put("CORE_PEER_MSPCONFIGPATH", folders.msp());
        env.put("CORE_PEER_LISTENADDRESS", listenHost + ":" + ports.peer());
        env.put("CORE_PEER_ADDRESS", endpoint);
        env.put("CORE_PEER_CHAINCODELISTENADDRESS", listenHost + ":" + ports.chaincode());
        // Without an external endpoint, other organizations never learn of this peer (discovery, gateway).
        env.put("CORE_PEER_GOSSIP_EXTERNALENDPOINT", endpoint);
        env.put("CORE_PEER_GOSSIP_ENDPOINT", endpoint);
        env.put("CORE_PEER_GOSSIP_BOOTSTRAP", String.join(" ", gossipBootstrap));
        env.put("CORE_PEER_GATEWAY_ENABLED", "true");
        env.put("CORE_PEER_TLS_ENABLED", "true");
        env.put("CORE_PEER_TLS_CERT_FILE", folders.tlsCertificate());
        env.put("CORE_PEER_TLS_KEY_FILE", folders.tlsKey());
        env.put("CORE_PEER_TLS_ROOTCERT_FILE", folders.tlsCa());
        env.put("CORE_PEER_FILESYSTEMPATH", folders.dataRoot());
        env.put("CORE_OPERATIONS_LISTENADDRESS", listenHost + ":" + ports.operations());
        env.put("CORE_OPERATIONS_TLS_ENABLED", String.valueOf(operationsTls));
        if (operationsTls) {
            // No client certificates asked: the kubelet and Prometheus have none from this CA.
            env.put("CORE_OPERATIONS_TLS_CERT_FILE", folders.tlsCertificate());
            env.put("CORE_OPERATIONS_TLS_KEY_FILE", folders.tlsKey());
            env.put("CORE_OPERATIONS_TLS_CLIENTAUTHREQUIRED", "false");
        }
        env.put("CORE_METRICS_PROVIDER", "prometheus");
        env.put("CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG", chaincodeBuilderConfig);
        return env;
    }
}
