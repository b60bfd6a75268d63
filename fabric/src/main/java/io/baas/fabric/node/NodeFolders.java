package io.baas.fabric.node;

/**
 * Where a Fabric node finds its files, as the node sees them: its MSP and TLS material under
 * {@code identityRoot} ({@code msp/}, {@code tls/server.crt}, {@code tls/server.key},
 * {@code tls/ca.crt}) and its ledger under {@code dataRoot}. A container mounts them at fixed
 * paths; a process on a host has them in its working directory.
 */
public record NodeFolders(String identityRoot, String dataRoot) {

    public String msp() {
        return identityRoot + "/msp";
    }

    public String tlsCertificate() {
        return identityRoot + "/tls/server.crt";
    }

    public String tlsKey() {
        return identityRoot + "/tls/server.key";
    }

    public String tlsCa() {
        return identityRoot + "/tls/ca.crt";
    }
}
