package io.baas.fabric.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.baas.fabric.Fixtures;
import io.baas.fabric.Sha256;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.Test;

class FabricIdentityTest {

    @Test
    void readsEveryFixtureCertificateAsFactsDescribeIt() throws Exception {
        JsonNode identities = Fixtures.facts().get("identities");
        assertEquals(30, identities.size());
        for (JsonNode expected : identities) {
            X509Certificate certificate = FabricIdentity.parseCertificate(Fixtures.bytes(expected.get("file").asText()));
            FabricIdentity identity = FabricIdentity.of("SomeMSP", certificate);
            String file = expected.get("file").asText();

            assertEquals(expected.get("subject").asText(), certificate.getSubjectX500Principal().getName(X500Principal.RFC2253), file);
            assertEquals(expected.get("serial_hex").asText(), certificate.getSerialNumber().toString(16), file);
            assertEquals(expected.get("sha256_der").asText(), HexFormat.of().formatHex(Sha256.digest(certificate.getEncoded()).toByteArray()), file);
            assertEquals(Instant.parse(expected.get("not_before").asText()), certificate.getNotBefore().toInstant(), file);
            List<String> ous = new ArrayList<>();
            expected.get("ou").forEach(ou -> ous.add(ou.asText()));
            assertEquals(ous, identity.organizationalUnits(), file);
            assertEquals(ous.stream().findFirst().map(String::toUpperCase), identity.role().map(Enum::name), file);
            certificate.checkValidity(Date.from(Fixtures.CLOCK.instant()));
            assertThrows(CertificateNotYetValidException.class,
                    () -> certificate.checkValidity(Date.from(Instant.parse("2026-11-23T19:17:59Z"))), file);
        }
    }

    @Test
    void serializesAsGoPemSoFabricSeesTheSameCreatorBytes() {
        FabricIdentity creator = io.baas.fabric.block.BlockDecoder.decode(Fixtures.block(7)).transactions().get(0).creator().orElseThrow();

        FabricIdentity rebuilt = FabricIdentity.of(creator.mspId(), creator.certificate());

        assertEquals(creator.serialized(), rebuilt.serialized());
        assertEquals(creator, FabricIdentity.fromSerialized(rebuilt.serialized()));
        assertEquals(Optional.of(NodeRole.ADMIN), rebuilt.role());
        assertEquals("Admin@org1.example.com", rebuilt.commonName());
    }

    @Test
    void rejectsIdentitiesWithoutMspOrCertificate() {
        ByteString noMsp = SerializedIdentity.newBuilder().setIdBytes(ByteString.copyFromUtf8("x")).build().toByteString();
        ByteString noCert = SerializedIdentity.newBuilder().setMspid("Org1MSP").setIdBytes(ByteString.copyFromUtf8("x")).build().toByteString();

        assertEquals("serialized identity has no MSP ID",
                assertThrows(IdentityException.class, () -> FabricIdentity.fromSerialized(noMsp)).getMessage());
        assertTrue(assertThrows(IdentityException.class, () -> FabricIdentity.fromSerialized(noCert)).getMessage()
                .startsWith("not an X.509 certificate"));
        assertThrows(IdentityException.class, () -> FabricIdentity.fromSerialized(ByteString.copyFrom(new byte[] {(byte) 0xff})));
    }
}
