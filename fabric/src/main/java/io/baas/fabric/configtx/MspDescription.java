package io.baas.fabric.configtx;

import com.google.protobuf.ByteString;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.IdentityException;
import java.util.List;
import java.util.Optional;

/**
 * The verifying part of an organization's MSP as a channel carries it. Certificates are kept as
 * the PEM bytes of their files because configtxgen copies files verbatim into the config.
 */
public record MspDescription(
        String mspId,
        List<ByteString> rootCerts,
        List<ByteString> intermediateCerts,
        List<ByteString> admins,
        List<ByteString> tlsRootCerts,
        List<ByteString> tlsIntermediateCerts,
        List<ByteString> revocationList,
        Optional<NodeOus> nodeOus) {

    public MspDescription {
        if (mspId == null || mspId.isBlank()) {
            throw new ChannelConfigException("an MSP needs an MSP ID");
        }
        if (rootCerts.isEmpty()) {
            throw new ChannelConfigException("MSP " + mspId + " has no root CA certificate");
        }
        rootCerts = certificates(mspId, "root", rootCerts);
        intermediateCerts = certificates(mspId, "intermediate", intermediateCerts);
        admins = certificates(mspId, "admin", admins);
        tlsRootCerts = certificates(mspId, "TLS root", tlsRootCerts);
        tlsIntermediateCerts = certificates(mspId, "TLS intermediate", tlsIntermediateCerts);
        revocationList = List.copyOf(revocationList);
        nodeOus.stream()
                .flatMap(ous -> List.of(ous.client(), ous.peer(), ous.admin(), ous.orderer()).stream())
                .flatMap(Optional::stream)
                .forEach(ou -> ou.certificate().ifPresent(cert -> certificates(mspId, "NodeOU " + ou.organizationalUnit(), List.of(cert))));
    }

    /** An MSP with one CA for identities and one for TLS, NodeOUs as cryptogen and fabric-ca set them. */
    public static MspDescription of(String mspId, ByteString caCertificate, ByteString tlsCaCertificate) {
        return new MspDescription(mspId, List.of(caCertificate), List.of(), List.of(), List.of(tlsCaCertificate), List.of(),
                List.of(), Optional.of(NodeOus.standard(caCertificate)));
    }

    private static List<ByteString> certificates(String mspId, String kind, List<ByteString> certificates) {
        for (ByteString certificate : certificates) {
            try {
                FabricIdentity.parseCertificate(certificate.toByteArray());
            } catch (IdentityException e) {
                throw new ChannelConfigException("MSP " + mspId + " has an invalid " + kind + " certificate: " + e.getMessage(), e);
            }
        }
        return List.copyOf(certificates);
    }
}
