package io.baas.fabric.identity;

import java.util.Locale;
import java.util.Optional;

/**
 * The NodeOU classification of an identity. Fabric MSPs with NodeOUs enabled (cryptogen and
 * Fabric CA both enable them) classify an identity by an organizational unit of its certificate.
 * The OU names are the defaults that cryptogen and fabric-ca write into the MSP's config.yaml.
 */
public enum NodeRole {
    CLIENT("client"),
    PEER("peer"),
    ADMIN("admin"),
    ORDERER("orderer");

    private final String organizationalUnit;

    NodeRole(String organizationalUnit) {
        this.organizationalUnit = organizationalUnit;
    }

    public String organizationalUnit() {
        return organizationalUnit;
    }

    public static Optional<NodeRole> fromOrganizationalUnit(String ou) {
        for (NodeRole role : values()) {
            if (role.organizationalUnit.equals(ou)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
