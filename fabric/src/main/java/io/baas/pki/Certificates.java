package io.baas.pki;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** Reading names out of certificates. */
public final class Certificates {

    private Certificates() {}

    public static String commonName(X509Certificate certificate) {
        List<String> values = attribute(certificate, BCStyle.CN);
        if (values.isEmpty()) {
            throw new PkiException("certificate has no common name: " + certificate.getSubjectX500Principal());
        }
        return values.get(0);
    }

    /** The subject's OU values in order; Fabric's NodeOU is one of them. */
    public static List<String> organizationalUnits(X509Certificate certificate) {
        return attribute(certificate, BCStyle.OU);
    }

    public static Optional<NodeOu> nodeOu(X509Certificate certificate) {
        List<String> units = organizationalUnits(certificate);
        for (NodeOu ou : NodeOu.values()) {
            if (units.contains(ou.identifier())) {
                return Optional.of(ou);
            }
        }
        return Optional.empty();
    }

    static List<String> attribute(X509Certificate certificate, ASN1ObjectIdentifier type) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        return Arrays.stream(subject.getRDNs(type))
                .map(RDN::getFirst)
                .map(value -> IETFUtils.valueToString(value.getValue()))
                .toList();
    }
}
