package io.baas.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.io.StringWriter;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;

class PemTest {

    private final X509Certificate fixtureCa = Pem.certificate(Fixtures.read(Fixtures.org1("ca/ca.org1.example.com-cert.pem")));

    @Test
    void readsCryptogenCertificatesAndPkcs8Keys() {
        CertifiedKey ca = CertifiedKey.fromPem(Pem.encode(fixtureCa), Fixtures.read(Fixtures.org1("ca/priv_sk")));
        assertEquals("ca.org1.example.com", Certificates.commonName(ca.certificate()));
    }

    @Test
    void roundTripsCertificatesAndKeys() {
        KeyPair keyPair = EcKeys.generate();
        assertEquals(keyPair.getPrivate(), Pem.privateKey(Pem.encodePrivateKey(keyPair.getPrivate())));
        assertEquals(fixtureCa, Pem.certificate(Pem.encode(fixtureCa)));
        assertTrue(Pem.encodePrivateKey(keyPair.getPrivate()).startsWith("-----BEGIN PRIVATE KEY-----"));
    }

    @Test
    void readsKeysAsTheJdksEvenWhenBouncyCastleIsARegisteredProvider() {
        // Chaincode code (the shim) registers BouncyCastle JVM-wide; BouncyCastle's PEM converter then
        // hands out its own key classes, which encode differently and would rewrite every node Secret.
        java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        try {
            KeyPair keyPair = EcKeys.generate();
            assertEquals(keyPair.getPrivate(), Pem.privateKey(Pem.encodePrivateKey(keyPair.getPrivate())));
        } finally {
            java.security.Security.removeProvider(org.bouncycastle.jce.provider.BouncyCastleProvider.PROVIDER_NAME);
        }
    }

    @Test
    void readsSec1EcPrivateKeys() throws Exception {
        KeyPair keyPair = EcKeys.generate();
        // SEC1 with the curve named inside, as openssl ecparam -genkey and Fabric CA write it
        ECPrivateKey sec1 = new ECPrivateKey(256, ((java.security.interfaces.ECPrivateKey) keyPair.getPrivate()).getS(),
                new DERBitString(EcKeys.encodedPoint(keyPair.getPublic())), new X962Parameters(SECObjectIdentifiers.secp256r1));
        StringWriter pem = new StringWriter();
        try (PemWriter writer = new PemWriter(pem)) {
            writer.writeObject(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
        }
        assertTrue(EcKeys.belongTogether(Pem.privateKey(pem.toString()), keyPair.getPublic()));
    }

    @Test
    void readsChainsInOrder() {
        X509Certificate tlsCa = Pem.certificate(Fixtures.read(Fixtures.org1("tlsca/tlsca.org1.example.com-cert.pem")));
        assertEquals(List.of(fixtureCa, tlsCa), Pem.certificates(Pem.encode(List.of(fixtureCa, tlsCa))));
    }

    @Test
    void refusesBadPem() {
        assertThrows(PemException.class, () -> Pem.certificate(""));
        assertThrows(PemException.class, () -> Pem.certificate("not pem at all"));
        assertThrows(PemException.class,
                () -> Pem.certificate("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n"));
        assertThrows(PemException.class,
                () -> Pem.certificate("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
    }

    @Test
    void refusesTheWrongKindOrCount() {
        String key = Fixtures.read(Fixtures.org1("ca/priv_sk"));
        String twoCertificates = Pem.encode(List.of(fixtureCa, fixtureCa));
        assertThrows(PemException.class, () -> Pem.certificate(key));
        assertThrows(PemException.class, () -> Pem.privateKey(Pem.encode(fixtureCa)));
        assertThrows(PemException.class, () -> Pem.certificate(twoCertificates));
        assertThrows(PemException.class, () -> Pem.privateKey(key + key));
    }
}
