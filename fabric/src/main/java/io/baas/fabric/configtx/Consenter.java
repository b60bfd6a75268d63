package io.baas.fabric.configtx;

import com.google.protobuf.ByteString;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.IdentityException;

/** An etcdraft consenter: where it listens and the PEM TLS certificates it presents. */
public record Consenter(HostPort endpoint, ByteString clientTlsCert, ByteString serverTlsCert) {

    public Consenter {
        check(endpoint, "client", clientTlsCert);
        check(endpoint, "server", serverTlsCert);
    }

    private static void check(HostPort endpoint, String kind, ByteString certificate) {
        if (certificate == null || certificate.isEmpty()) {
            throw new ChannelConfigException("consenter " + endpoint + " has no " + kind + " TLS certificate");
        }
        try {
            FabricIdentity.parseCertificate(certificate.toByteArray());
        } catch (IdentityException e) {
            throw new ChannelConfigException("consenter " + endpoint + " has an invalid " + kind + " TLS certificate", e);
        }
    }
}
