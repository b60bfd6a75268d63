package io.baas.pki.lifecycle;

import io.baas.pki.RevocationReason;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * One revoked certificate: the issuer's key id and the serial (how Fabric CA and CRLs name a
 * certificate), the key id of the revoked key (so renewed certificates of that key are refused
 * too), the reason and when.
 */
public record RevocationRecord(String issuerKeyId, BigInteger serial, String subjectKeyId, RevocationReason reason,
        Instant revokedAt) {

    public RevocationRecord {
        Objects.requireNonNull(issuerKeyId, "issuerKeyId");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(subjectKeyId, "subjectKeyId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }
}
