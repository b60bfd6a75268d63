package io.baas.pki;

import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * What a certificate may be used for. Every extension choice lives here, one place per role;
 * docs/pki.md compares them with cryptogen's.
 */
public enum CertificateProfile {
    /** Self-signed organization CA (signing or TLS): may sign certificates and CRLs. */
    ROOT_CA(true, KeyUsage.digitalSignature | KeyUsage.keyCertSign | KeyUsage.cRLSign, List.of()),
    /** Organization CA under an imported root; it signs only end entities (path length 0). */
    INTERMEDIATE_CA(true, KeyUsage.digitalSignature | KeyUsage.keyCertSign | KeyUsage.cRLSign, List.of()),
    /** An identity's MSP signing certificate (signcerts): signs transactions and nothing else. */
    SIGNING(false, KeyUsage.digitalSignature, List.of()),
    /** A node's TLS certificate: it serves TLS and dials other nodes (Raft, gossip) with it. */
    TLS_SERVER_AND_CLIENT(false, KeyUsage.digitalSignature,
            List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth)),
    /** A user's or application's TLS certificate: mutual TLS as a client only. */
    TLS_CLIENT(false, KeyUsage.digitalSignature, List.of(KeyPurposeId.id_kp_clientAuth));

    private final boolean certificateAuthority;
    private final int keyUsage;
    private final List<KeyPurposeId> extendedKeyUsages;

    CertificateProfile(boolean certificateAuthority, int keyUsage, List<KeyPurposeId> extendedKeyUsages) {
        this.certificateAuthority = certificateAuthority;
        this.keyUsage = keyUsage;
        this.extendedKeyUsages = extendedKeyUsages;
    }

    public boolean isCertificateAuthority() {
        return certificateAuthority;
    }

    public int keyUsage() {
        return keyUsage;
    }

    public List<KeyPurposeId> extendedKeyUsages() {
        return extendedKeyUsages;
    }
}
