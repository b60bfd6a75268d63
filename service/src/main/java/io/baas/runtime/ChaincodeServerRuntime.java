package io.baas.runtime;

/**
 * A runtime that starts chaincode servers itself (the host) rather than leaving them to their
 * Deployments, as Kubernetes and the sandbox do; the chaincode reconciler hands it each server.
 */
public interface ChaincodeServerRuntime {

    /** Makes the chaincode server run; idempotent. Returns whether it serves. */
    boolean runChaincodeServer(ChaincodeServerLaunch launch);

    /** Stops the chaincode server and removes what this runtime made for it; what is already gone is fine. */
    void removeChaincodeServer(String namespace, String server);

    /** Names and addresses the servers' TLS certificates must carry: where the peers dial them. */
    java.util.List<String> tlsHosts();
}
