package io.baas.fabric.node;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What configures a Fabric 2.5 ordering node, whatever runs it, as the {@code ORDERER_*} variables
 * that override its orderer.yaml: no system channel (channels are joined through the participation
 * API with a genesis block), the client and Raft cluster listeners with the node's TLS certificate
 * (the cluster's for server and client auth), the admin endpoint behind mutual TLS with the
 * organization's TLS CA, the file ledger and Raft folders, and the operations endpoint. Rendered
 * into a pod's environment by the Kubernetes runtime and into a process's by the host runtime.
 *
 * @param listenHost the address its listeners bind ({@code 0.0.0.0} in a pod, a chosen address on a host)
 */
public record OrdererNodeSettings(String mspId, NodeFolders folders, String listenHost, Ports ports, boolean operationsTls) {

    /** The ports it listens on: clients (broadcast, deliver), Raft cluster, channel participation, operations. */
    public record Ports(int client, int cluster, int admin, int operations) {
    }

    /** The variables in a fixed order (a pod template that changes order is a new revision). */
    public Map<String, String> environment() {
        String tlsCa = "[" + folders.tlsCa() + "]";
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ORDERER_GENERAL_LISTENADDRESS", listenHost);
        env.put("ORDERER_GENERAL_LISTENPORT", String.valueOf(ports.client()));
        env.put("ORDERER_GENERAL_LOCALMSPID", mspId);
        env.put("ORDERER_GENERAL_LOCALMSPDIR", folders.msp());
        env.put("ORDERER_GENERAL_BOOTSTRAPMETHOD", "none");
        env.put("ORDERER_CHANNELPARTICIPATION_ENABLED", "true");
        env.put("ORDERER_GENERAL_TLS_ENABLED", "true");
        env.put("ORDERER_GENERAL_TLS_CERTIFICATE", folders.tlsCertificate());
        env.put("ORDERER_GENERAL_TLS_PRIVATEKEY", folders.tlsKey());
        env.put("ORDERER_GENERAL_TLS_ROOTCAS", tlsCa);
        env.put("ORDERER_GENERAL_CLUSTER_LISTENADDRESS", listenHost);
        env.put("ORDERER_GENERAL_CLUSTER_LISTENPORT", String.valueOf(ports.cluster()));
        env.put("ORDERER_GENERAL_CLUSTER_SERVERCERTIFICATE", folders.tlsCertificate());
        env.put("ORDERER_GENERAL_CLUSTER_SERVERPRIVATEKEY", folders.tlsKey());
        env.put("ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE", folders.tlsCertificate());
        env.put("ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY", folders.tlsKey());
        env.put("ORDERER_GENERAL_CLUSTER_ROOTCAS", tlsCa);
        // Channel participation: only clients with a certificate from the organization's TLS CA get in.
        env.put("ORDERER_ADMIN_LISTENADDRESS", listenHost + ":" + ports.admin());
        env.put("ORDERER_ADMIN_TLS_ENABLED", "true");
        env.put("ORDERER_ADMIN_TLS_CERTIFICATE", folders.tlsCertificate());
        env.put("ORDERER_ADMIN_TLS_PRIVATEKEY", folders.tlsKey());
        env.put("ORDERER_ADMIN_TLS_ROOTCAS", tlsCa);
        env.put("ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED", "true");
        env.put("ORDERER_ADMIN_TLS_CLIENTROOTCAS", tlsCa);
        env.put("ORDERER_FILELEDGER_LOCATION", folders.dataRoot());
        env.put("ORDERER_CONSENSUS_WALDIR", folders.dataRoot() + "/etcdraft/wal");
        env.put("ORDERER_CONSENSUS_SNAPDIR", folders.dataRoot() + "/etcdraft/snapshot");
        env.put("ORDERER_OPERATIONS_LISTENADDRESS", listenHost + ":" + ports.operations());
        env.put("ORDERER_OPERATIONS_TLS_ENABLED", String.valueOf(operationsTls));
        if (operationsTls) {
            // No client certificates asked: the kubelet and Prometheus have none from this CA.
            env.put("ORDERER_OPERATIONS_TLS_CERTIFICATE", folders.tlsCertificate());
            env.put("ORDERER_OPERATIONS_TLS_PRIVATEKEY", folders.tlsKey());
            env.put("ORDERER_OPERATIONS_TLS_CLIENTAUTHREQUIRED", "false");
        }
        env.put("ORDERER_METRICS_PROVIDER", "prometheus");
        return env;
    }
}
