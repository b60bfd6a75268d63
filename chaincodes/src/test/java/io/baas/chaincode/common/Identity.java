package io.baas.chaincode.common;

import com.google.protobuf.ByteString;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/** A transaction creator: MSP ID and PEM certificate, serialized as the proposal carries it. */
public record Identity(String mspId, byte[] certificatePem) {

    public static final Identity ORG1_USER = new Identity("Org1MSP", Fixtures.signcert("org1.example.com", "User1"));
    public static final Identity ORG1_ADMIN = new Identity("Org1MSP", Fixtures.signcert("org1.example.com", "Admin"));
    public static final Identity ORG2_USER = new Identity("Org2MSP", Fixtures.signcert("org2.example.com", "User1"));

    public byte[] serialized() {
        return SerializedIdentity.newBuilder().setMspid(mspId).setIdBytes(ByteString.copyFrom(certificatePem)).build().toByteArray();
    }

    /** The shim's client ID: {@code x509::<subject DN>::<issuer DN>}. */
    public String clientId() {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificatePem));
            return "x509::" + cert.getSubjectDN().getName() + "::" + cert.getIssuerDN().getName();
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }
}
