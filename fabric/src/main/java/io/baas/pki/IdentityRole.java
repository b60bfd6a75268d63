package io.baas.pki;

/** Who an identity is. Nodes serve TLS; everyone else only dials. Users and applications are both Fabric clients. */
public enum IdentityRole {
    PEER(NodeOu.PEER, true),
    ORDERER(NodeOu.ORDERER, true),
    ADMIN(NodeOu.ADMIN, false),
    USER(NodeOu.CLIENT, false),
    CLIENT(NodeOu.CLIENT, false);

    private final NodeOu nodeOu;
    private final boolean node;

    IdentityRole(NodeOu nodeOu, boolean node) {
        this.nodeOu = nodeOu;
        this.node = node;
    }

    public NodeOu nodeOu() {
        return nodeOu;
    }

    /** Peers and orderers: their TLS certificates serve, so they carry the names they are reached by. */
    public boolean isNode() {
        return node;
    }

    CertificateProfile tlsProfile() {
        return node ? CertificateProfile.TLS_SERVER_AND_CLIENT : CertificateProfile.TLS_CLIENT;
    }
}
