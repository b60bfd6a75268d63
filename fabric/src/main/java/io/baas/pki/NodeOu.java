package io.baas.pki;

/** The organizational units Fabric's NodeOUs classify identities by (msp/config.yaml). */
public enum NodeOu {
    CLIENT("client"),
    PEER("peer"),
    ADMIN("admin"),
    ORDERER("orderer");

    private final String identifier;

    NodeOu(String identifier) {
        this.identifier = identifier;
    }

    /** The OU value in the certificate and the OrganizationalUnitIdentifier in config.yaml. */
    public String identifier() {
        return identifier;
    }
}
