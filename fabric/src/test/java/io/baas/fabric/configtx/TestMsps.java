package io.baas.fabric.configtx;

import com.google.protobuf.ByteString;
import io.baas.fabric.identity.Pem;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Freshly generated MSPs for organizations the fixture does not have. */
final class TestMsps {

    private TestMsps() {
    }

    static MspDescription generate(String mspId) {
        return MspDescription.of(mspId, selfSignedCa("ca." + mspId), selfSignedCa("tlsca." + mspId));
    }

    static ByteString selfSignedCa(String commonName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + commonName + ",O=" + commonName);
            Instant now = Instant.parse("2026-11-23T19:18:00Z");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                    Date.from(now), Date.from(now.plusSeconds(3600L * 24 * 365)), name, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            var certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return ByteString.copyFromUtf8(Pem.certificate(certificate));
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate a test CA", e);
        }
    }
}
