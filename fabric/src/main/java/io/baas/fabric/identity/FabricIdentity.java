package io.baas.fabric.identity;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * An X.509 identity of an MSP as Fabric serializes it ({@code msp.SerializedIdentity}: MSP ID and
 * PEM certificate). Keeps the exact serialized bytes, because transaction ids and signatures are
 * computed over them.
 */
public record FabricIdentity(String mspId, X509Certificate certificate, ByteString serialized) {

    /**
     * Identities already parsed, by their serialized bytes: the same few creators and endorsers sign
     * every transaction, and parsing a PEM certificate costs more than the rest of decoding one.
     * Parsing is a pure function of the bytes, and the parsed identity never changes. At most
     * {@value #KNOWN_LIMIT} are kept; more empty the map.
     */
    private static final int KNOWN_LIMIT = 4096;
    private static final java.util.concurrent.ConcurrentHashMap<Serialized, FabricIdentity> KNOWN = new java.util.concurrent.ConcurrentHashMap<>();

    public static FabricIdentity fromSerialized(ByteString serialized) {
        Serialized key = new Serialized(serialized);
        FabricIdentity known = KNOWN.get(key);
        if (known != null) {
            return known;
        }
        FabricIdentity parsed = parse(serialized);
        if (KNOWN.size() >= KNOWN_LIMIT) {
            KNOWN.clear();
        }
        KNOWN.put(key, parsed);
        return parsed;
    }

    /**
     * Serialized bytes as a map key hashed over their last 32 bytes (a PEM certificate ends in its
     * signature, unlike any other) and their length: ByteString's own hash reads all of them, for
     * every lookup of a new copy. Equality still compares every byte.
     */
    private record Serialized(ByteString bytes, int hash) {
        Serialized(ByteString bytes) {
            this(bytes, tailHash(bytes));
        }

        private static int tailHash(ByteString bytes) {
            int size = bytes.size();
            int hash = size;
            for (int i = Math.max(0, size - 32); i < size; i++) {
                hash = 31 * hash + bytes.byteAt(i);
            }
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Serialized that && hash == that.hash && bytes.equals(that.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static FabricIdentity parse(ByteString serialized) {
        SerializedIdentity identity;
        try {
            identity = SerializedIdentity.parseFrom(serialized);
        } catch (InvalidProtocolBufferException e) {
            throw new IdentityException("not a serialized identity: " + e.getMessage(), e);
        }
        if (identity.getMspid().isEmpty()) {
            throw new IdentityException("serialized identity has no MSP ID");
        }
        return new FabricIdentity(identity.getMspid(), parseCertificate(identity.getIdBytes().toByteArray()), serialized);
    }

    public static FabricIdentity of(String mspId, X509Certificate certificate) {
        ByteString serialized = SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(ByteString.copyFromUtf8(Pem.certificate(certificate)))
                .build()
                .toByteString();
        return new FabricIdentity(mspId, certificate, serialized);
    }

    /** Reads a PEM or DER certificate. */
    public static X509Certificate parseCertificate(byte[] encoded) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(encoded));
        } catch (CertificateException | ClassCastException e) {
            throw new IdentityException("not an X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** The NodeOU role, or empty when no organizational unit names one. */
    public Optional<NodeRole> role() {
        return organizationalUnits().stream()
                .map(NodeRole::fromOrganizationalUnit)
                .flatMap(Optional::stream)
                .findFirst();
    }

    public List<String> organizationalUnits() {
        return attributes(BCStyle.OU);
    }

    public String commonName() {
        return attributes(BCStyle.CN).stream().findFirst().orElse("");
    }

    private List<String> attributes(ASN1ObjectIdentifier type) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        return Arrays.stream(subject.getRDNs(type))
                .map(RDN::getFirst)
                .map(attribute -> IETFUtils.valueToString(attribute.getValue()))
                .toList();
    }
}
