package io.baas.pki.cryptogen;

import io.baas.pki.SubjectKeyIds;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;

/**
 * The structure of a certificate, field by field, with the values that differ between any two
 * certificates of one role (keys, serials, names, dates) abstracted away.
 */
final class CertificateShape {

    private static final String[] KEY_USAGES = {"digitalSignature", "nonRepudiation", "keyEncipherment",
        "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};
    private static final Map<String, String> EXTENSION_NAMES = Map.of(
            Extension.keyUsage.getId(), "KU", Extension.extendedKeyUsage.getId(), "EKU",
            Extension.basicConstraints.getId(), "BC", Extension.subjectKeyIdentifier.getId(), "SKI",
            Extension.authorityKeyIdentifier.getId(), "AKI", Extension.subjectAlternativeName.getId(), "SAN");

    private CertificateShape() {}

    /** Field name to value, in a fixed order; every value is a plain string for clear diffs. */
    static Map<String, String> of(X509Certificate certificate, X509Certificate issuer) throws CertificateParsingException {
        Map<String, String> shape = new LinkedHashMap<>();
        shape.put("version", String.valueOf(certificate.getVersion()));
        shape.put("signature algorithm", certificate.getSigAlgName());
        ECPublicKey key = (ECPublicKey) certificate.getPublicKey();
        shape.put("public key", "EC " + key.getParams().getCurve().getField().getFieldSize());
        shape.put("serial bits", certificate.getSerialNumber().bitLength() > 64 ? "> 64" : "<= 64");
        shape.put("subject attributes", subjectAttributes(certificate));
        shape.put("subject OU", String.join(",", values(certificate, BCStyle.OU)));
        shape.put("validity", Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant()).toString());
        shape.put("extensions (order)", extensionOrder(certificate));
        shape.put("critical extensions", new TreeSet<>(names(certificate.getCriticalExtensionOIDs())).toString());
        shape.put("key usage", keyUsage(certificate));
        List<String> eku = certificate.getExtendedKeyUsage();
        shape.put("extended key usage", eku == null ? "absent" : eku.stream().map(CertificateShape::purpose).toList().toString());
        shape.put("basic constraints", basicConstraints(certificate));
        shape.put("subject key id", SubjectKeyIds.subjectKeyId(certificate)
                .map(ski -> Arrays.equals(ski, SubjectKeyIds.of(certificate.getPublicKey())) ? "SHA-256 of the EC point" : "other")
                .orElse("absent"));
        shape.put("authority key id", SubjectKeyIds.authorityKeyId(certificate)
                .map(aki -> Arrays.equals(aki, SubjectKeyIds.of(issuer.getPublicKey())) ? "issuer's SHA-256 key id" : "other")
                .orElse("absent"));
        shape.put("SAN kinds", sanKinds(certificate.getSubjectAlternativeNames()));
        return shape;
    }

    private static String subjectAttributes(X509Certificate certificate) {
        List<String> attributes = new ArrayList<>();
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        for (RDN rdn : subject.getRDNs()) {
            AttributeTypeAndValue value = rdn.getFirst();
            ASN1Primitive raw = value.getValue().toASN1Primitive();
            String kind = raw instanceof DERPrintableString ? "Printable" : raw instanceof DERUTF8String ? "UTF8" : "other";
            attributes.add(BCStyle.INSTANCE.oidToDisplayName(value.getType()) + "(" + kind + ")");
        }
        return String.join(",", attributes);
    }

    private static List<String> values(X509Certificate certificate, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        return Arrays.stream(subject.getRDNs(type)).map(rdn -> rdn.getFirst().getValue().toString()).toList();
    }

    private static String extensionOrder(X509Certificate certificate) {
        Extensions extensions = Certificate.getInstance(ASN1Sequence.getInstance(encoded(certificate)))
                .getTBSCertificate().getExtensions();
        return Arrays.stream(extensions.getExtensionOIDs()).map(oid -> EXTENSION_NAMES.getOrDefault(oid.getId(), oid.getId())).toList().toString();
    }

    private static List<String> names(Collection<String> oids) {
        return oids.stream().map(oid -> EXTENSION_NAMES.getOrDefault(oid, oid)).toList();
    }

    private static String keyUsage(X509Certificate certificate) {
        boolean[] bits = certificate.getKeyUsage();
        List<String> usages = new ArrayList<>();
        for (int i = 0; bits != null && i < bits.length; i++) {
            if (bits[i]) {
                usages.add(KEY_USAGES[i]);
            }
        }
        return usages.toString();
    }

    private static String purpose(String oid) {
        return switch (oid) {
            case "1.3.6.1.5.5.7.3.1" -> "serverAuth";
            case "1.3.6.1.5.5.7.3.2" -> "clientAuth";
            default -> oid;
        };
    }

    private static String basicConstraints(X509Certificate certificate) {
        int pathLength = certificate.getBasicConstraints();
        if (pathLength < 0) {
            return "CA:FALSE";
        }
        return pathLength == Integer.MAX_VALUE ? "CA:TRUE" : "CA:TRUE, pathlen " + pathLength;
    }

    private static String sanKinds(Collection<List<?>> names) {
        if (names == null) {
            return "none";
        }
        TreeSet<String> kinds = new TreeSet<>();
        names.forEach(name -> kinds.add((Integer) name.get(0) == 2 ? "DNS" : (Integer) name.get(0) == 7 ? "IP" : "other"));
        return kinds.toString();
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
