package io.baas.pki;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.interfaces.ECPrivateKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CertifiedKeyTest {

    private final String caCertificate = Fixtures.read(Fixtures.org1("ca/ca.org1.example.com-cert.pem"));
    private final String caKey = Fixtures.read(Fixtures.org1("ca/priv_sk"));
    private final String tlsCaKey = Fixtures.read(Fixtures.org1("tlsca/priv_sk"));

    @Test
    void refusesAKeyThatIsNotTheCertificates() {
        KeyMismatchException e = assertThrows(KeyMismatchException.class, () -> CertifiedKey.fromPem(caCertificate, tlsCaKey));
        assertTrue(e.getMessage().contains("ca.org1.example.com"));
    }

    @Test
    void toStringNeverShowsTheKey() {
        CertifiedKey key = CertifiedKey.fromPem(caCertificate, caKey);
        String text = key.toString();
        String scalar = ((ECPrivateKey) key.privateKey()).getS().toString(16);
        assertTrue(text.contains("<redacted>"));
        assertFalse(text.contains(scalar));
        assertFalse(text.toLowerCase().contains(HexFormat.of().formatHex(key.privateKey().getEncoded())));
        assertFalse(text.contains(key.privateKeyPem().lines().skip(1).findFirst().orElseThrow()));
    }
}
