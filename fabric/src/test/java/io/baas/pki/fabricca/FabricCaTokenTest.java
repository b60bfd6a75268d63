package io.baas.pki.fabricca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.baas.pki.CertifiedKey;
import io.baas.pki.EcKeys;
import io.baas.pki.Fixtures;
import io.baas.pki.PkiException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.Test;

class FabricCaTokenTest {

    private static final String URI = "/api/v1/register";
    private static final byte[] BODY = "{\"id\":\"peer1\"}".getBytes(StandardCharsets.UTF_8);

    private final CertifiedKey admin = CertifiedKey.fromPem(
            Fixtures.read(Fixtures.org1("users/Admin@org1.example.com/msp/signcerts/Admin@org1.example.com-cert.pem")),
            Fixtures.read(Fixtures.org1("users/Admin@org1.example.com/msp/keystore/priv_sk")));

    @Test
    void verifiesAndNamesTheCaller() {
        String token = FabricCaToken.create(admin, "POST", URI, BODY);

        assertEquals(admin.certificate(), FabricCaToken.verify(token, "POST", URI, BODY));
        assertEquals(admin.certificatePem(),
                new String(Base64.getDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.US_ASCII),
                "the first part is the base64 of the certificate PEM");
    }

    @Test
    void bindsMethodUriBodyAndCertificate() {
        String token = FabricCaToken.create(admin, "POST", URI, BODY);
        CertifiedKey user = CertifiedKey.fromPem(
                Fixtures.read(Fixtures.org1("users/User1@org1.example.com/msp/signcerts/User1@org1.example.com-cert.pem")),
                Fixtures.read(Fixtures.org1("users/User1@org1.example.com/msp/keystore/priv_sk")));
        String swappedCertificate = FabricCaToken.create(user, "POST", URI, BODY).split("\\.")[0] + "." + token.split("\\.")[1];

        assertThrows(PkiException.class, () -> FabricCaToken.verify(token, "PUT", URI, BODY));
        assertThrows(PkiException.class, () -> FabricCaToken.verify(token, "POST", "/api/v1/revoke", BODY));
        assertThrows(PkiException.class, () -> FabricCaToken.verify(token, "POST", URI, "{}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(PkiException.class, () -> FabricCaToken.verify(swappedCertificate, "POST", URI, BODY));
    }

    @Test
    void refusesHighSSignaturesAsFabricDoes() {
        String token = FabricCaToken.create(admin, "POST", URI, BODY);
        String[] parts = token.split("\\.");
        ASN1Sequence signature = ASN1Sequence.getInstance(Base64.getDecoder().decode(parts[1]));
        BigInteger s = ASN1Integer.getInstance(signature.getObjectAt(1)).getValue();
        BigInteger n = ((java.security.interfaces.ECPublicKey) EcKeys.generate().getPublic()).getParams().getOrder();
        byte[] highS = encode(new DERSequence(new ASN1Integer[] {ASN1Integer.getInstance(signature.getObjectAt(0)),
            new ASN1Integer(n.subtract(s))}));

        // mathematically still a valid ECDSA signature, but Fabric's BCCSP refuses it
        assertThrows(PkiException.class,
                () -> FabricCaToken.verify(parts[0] + "." + Base64.getEncoder().encodeToString(highS), "POST", URI, BODY));
    }

    @Test
    void refusesMalformedTokens() {
        assertThrows(PkiException.class, () -> FabricCaToken.verify(null, "POST", URI, BODY));
        assertThrows(PkiException.class, () -> FabricCaToken.verify("abc", "POST", URI, BODY));
        assertThrows(PkiException.class, () -> FabricCaToken.verify("a.b.c", "POST", URI, BODY));
        assertThrows(PkiException.class, () -> FabricCaToken.verify("!!!.AAAA", "POST", URI, BODY));
        assertThrows(PkiException.class, () -> FabricCaToken.verify(
                Base64.getEncoder().encodeToString("not a certificate".getBytes(StandardCharsets.US_ASCII)) + ".AAAA", "POST", URI, BODY));
    }

    private static byte[] encode(DERSequence sequence) {
        try {
            return sequence.getEncoded();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
