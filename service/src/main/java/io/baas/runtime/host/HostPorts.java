package io.baas.runtime.host;

import io.baas.error.DomainException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Ports for nodes on this host from a configured range: a port another program listens on, or
 * one given to another node (running or not), is skipped. A node keeps its ports for its life
 * (channel configs name them), so ports are chosen once and recorded with the node.
 */
final class HostPorts {

    private final String address;
    private final int first;
    private final int last;

    HostPorts(String address, int first, int last) {
        if (first < 1 || last > 65535 || first > last) {
            throw new IllegalArgumentException("baas.host port range " + first + "-" + last + " is not a range of TCP ports");
        }
        this.address = address;
        this.first = first;
        this.last = last;
    }

    /** {@code count} ports free on the address now, none of {@code given}, lowest first. */
    List<Integer> choose(int count, Set<Integer> given) {
        List<Integer> chosen = new ArrayList<>();
        for (int port = first; port <= last && chosen.size() < count; port++) {
            if (!given.contains(port) && free(port)) {
                chosen.add(port);
            }
        }
        if (chosen.size() < count) {
            throw DomainException.conflict("The host runtime's port range " + first + "-" + last + " on " + address + " has no "
                    + count + " free ports left: widen baas.host.first-port/last-port.");
        }
        return chosen;
    }

    private boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(address, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
