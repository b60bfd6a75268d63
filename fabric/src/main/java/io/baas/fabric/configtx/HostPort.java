package io.baas.fabric.configtx;

/** A network endpoint as Fabric's config carries it: anchor peers and raft consenters. */
public record HostPort(String host, int port) {

    public HostPort {
        if (host == null || host.isBlank()) {
            throw new ChannelConfigException("an endpoint needs a host");
        }
        if (port < 1 || port > 65535) {
            throw new ChannelConfigException("port " + port + " of " + host + " is not between 1 and 65535");
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
