package io.baas.pki;

/** RFC 5280 CRLReason values that make sense for a platform-held identity (no hold: revocation is final). */
public enum RevocationReason {
    UNSPECIFIED(0),
    KEY_COMPROMISE(1),
    CA_COMPROMISE(2),
    AFFILIATION_CHANGED(3),
    SUPERSEDED(4),
    CESSATION_OF_OPERATION(5),
    PRIVILEGE_WITHDRAWN(9);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    /** The CRLReason code, for the CRLs that later go into channel configurations. */
    public int code() {
        return code;
    }
}
