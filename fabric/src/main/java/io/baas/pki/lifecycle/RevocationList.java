package io.baas.pki.lifecycle;

import io.baas.pki.Identity;
import io.baas.pki.PkiException;
import io.baas.pki.RevocationReason;
import io.baas.pki.SubjectKeyIds;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The certificates an organization has revoked (immutable; revoking returns a new list). A
 * certificate counts as revoked when its issuer and serial are listed, or when its key is: renewal
 * keeps the key, so a revoked identity stays revoked through every renewal.
 */
public final class RevocationList {

    private final List<RevocationRecord> records;

    private RevocationList(List<RevocationRecord> records) {
        this.records = List.copyOf(records);
    }

    public static RevocationList of(Collection<RevocationRecord> records) {
        return new RevocationList(new ArrayList<>(records));
    }

    public static RevocationList empty() {
        return new RevocationList(List.of());
    }

    public RevocationList revoke(X509Certificate certificate, RevocationReason reason, Instant at) {
        if (find(certificate).isPresent()) {
            return this; // revoking twice keeps the first record: its time is the one that counts
        }
        List<RevocationRecord> more = new ArrayList<>(records);
        more.add(new RevocationRecord(issuerKeyId(certificate), certificate.getSerialNumber(),
                SubjectKeyIds.hex(certificate.getPublicKey()), reason, at));
        return new RevocationList(more);
    }

    /** Revokes an identity: its signing and its TLS certificate. */
    public RevocationList revoke(Identity identity, RevocationReason reason, Instant at) {
        return revoke(identity.signing().certificate(), reason, at).revoke(identity.tls().certificate(), reason, at);
    }

    public Optional<RevocationRecord> find(X509Certificate certificate) {
        String issuer = issuerKeyId(certificate);
        String key = SubjectKeyIds.hex(certificate.getPublicKey());
        return records.stream()
                .filter(record -> record.subjectKeyId().equals(key)
                        || (record.issuerKeyId().equals(issuer) && record.serial().equals(certificate.getSerialNumber())))
                .findFirst();
    }

    public void requireNotRevoked(X509Certificate certificate) {
        find(certificate).ifPresent(record -> {
            throw new RevokedIdentityException("'" + certificate.getSubjectX500Principal().getName() + "' was revoked at "
                    + record.revokedAt() + " (" + record.reason() + ")", record);
        });
    }

    /** Refuses an identity if either of its certificates is revoked. */
    public void requireNotRevoked(Identity identity) {
        requireNotRevoked(identity.signing().certificate());
        requireNotRevoked(identity.tls().certificate());
    }

    public List<RevocationRecord> records() {
        return records;
    }

    private static String issuerKeyId(X509Certificate certificate) {
        return SubjectKeyIds.authorityKeyId(certificate)
                .map(HexFormat.of()::formatHex)
                .orElseThrow(() -> new PkiException("'" + certificate.getSubjectX500Principal().getName()
                        + "' names no authority key; only issued certificates can be revoked"));
    }
}
