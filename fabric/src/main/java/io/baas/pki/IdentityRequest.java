package io.baas.pki;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An identity to issue: its name (the CN), its role, and for nodes the names its TLS certificate
 * must answer to.
 */
public record IdentityRequest(String name, IdentityRole role, AlternativeNames tlsNames) {

    // Users are named like cryptogen's (Admin@org1.example.com) or like KubeSphere users.
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    public IdentityRequest {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(tlsNames, "tlsNames");
        if (role.isNode()) {
            DnsNames.requireHostName(name);
            if (tlsNames.isEmpty()) {
                throw new PkiException("node '" + name + "' needs the names it is reached by for its TLS certificate");
            }
        } else if (name == null || !USER_NAME.matcher(name).matches()) {
            throw new InvalidNameException("identity name must be 1 to 64 letters, digits, '.', '_', '@' or '-', got '" + name + "'");
        }
    }

    /**
     * A peer or orderer reached through Kubernetes Services (all four DNS forms of each) plus extra
     * host names and IP addresses, such as an ingress host or a node port's address.
     */
    public static IdentityRequest node(IdentityRole role, String name, List<ServiceAddress> services,
            Collection<String> extraHostsAndAddresses) {
        if (!role.isNode()) {
            throw new PkiException(role + " is not a node role");
        }
        List<String> dnsNames = new ArrayList<>();
        services.forEach(service -> dnsNames.addAll(service.dnsNames()));
        return new IdentityRequest(name, role, AlternativeNames.parse(dnsNames).plus(AlternativeNames.parse(extraHostsAndAddresses)));
    }

    public static IdentityRequest user(IdentityRole role, String name) {
        if (role.isNode()) {
            throw new PkiException(role + " is a node role; use IdentityRequest.node");
        }
        return new IdentityRequest(name, role, AlternativeNames.NONE);
    }
}
