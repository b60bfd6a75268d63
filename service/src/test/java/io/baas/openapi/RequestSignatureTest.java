package io.baas.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestSignatureTest {

    private static final Map<String, String> HEADERS = Map.of("Host", "baas.example.com:8090", "x-ksb-date", "20261204T220000Z",
            "x-ksb-nonce", "n0nce-0123456789ab", "x-ksb-content-sha256", RequestSignature.sha256Hex(new byte[0]));

    @Test
    void theCanonicalRequestSortsAndReEncodesTheQueryAndNamesTheHeadersInOrder() {
        String canonical = RequestSignature.canonicalRequest("post", "/openapi/v1/namespaces/a/channels/b/evidences",
                "title=Lease%20of%20the%20atelier&b=2&a=%7e&a=1&empty&plus=1+1", HEADERS, HEADERS.get("x-ksb-content-sha256"));
        assertThat(canonical).isEqualTo(String.join("\n",
                "POST",
                "/openapi/v1/namespaces/a/channels/b/evidences",
                "a=1&a=~&b=2&empty=&plus=1%2B1&title=Lease%20of%20the%20atelier",
                "host:baas.example.com:8090",
                "x-ksb-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "x-ksb-date:20261204T220000Z",
                "x-ksb-nonce:n0nce-0123456789ab",
                "host;x-ksb-content-sha256;x-ksb-date;x-ksb-nonce",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }

    @Test
    void twoSpellingsOfOneQueryHaveOneCanonicalForm() {
        assertThat(RequestSignature.canonicalQuery("t=%E5%AD%98%E8%AF%81&x=a%2Fb"))
                .isEqualTo(RequestSignature.canonicalQuery("x=a/b&t=" + "存证"));
    }

    @Test
    void theSignatureIsHmacSha256OfTheStringToSignAndChangesWithAnyPart() {
        byte[] secret = "s3cr3t".getBytes(StandardCharsets.UTF_8);
        String canonical = RequestSignature.canonicalRequest("GET", "/openapi/v1/x", "", HEADERS, HEADERS.get("x-ksb-content-sha256"));
        String toSign = RequestSignature.stringToSign("20261204T220000Z", canonical);
        assertThat(toSign).startsWith("KSB-HMAC-SHA256\n20261204T220000Z\n").hasSize("KSB-HMAC-SHA256\n20261204T220000Z\n".length() + 64);
        String signature = RequestSignature.sign(secret, toSign);
        assertThat(signature).matches("[0-9a-f]{64}").isEqualTo(RequestSignature.sign(secret, toSign));
        assertThat(RequestSignature.sign("s3cr3T".getBytes(StandardCharsets.UTF_8), toSign)).isNotEqualTo(signature);
        String otherPath = RequestSignature.canonicalRequest("GET", "/openapi/v1/y", "", HEADERS, HEADERS.get("x-ksb-content-sha256"));
        assertThat(RequestSignature.sign(secret, RequestSignature.stringToSign("20261204T220000Z", otherPath))).isNotEqualTo(signature);
        assertThat(RequestSignature.same(signature, signature)).isTrue();
        assertThat(RequestSignature.same(signature, signature.replace(signature.charAt(0), signature.charAt(0) == 'a' ? 'b' : 'a'))).isFalse();
    }

    @Test
    void anAuthorizationHeaderParsesOnlyInItsOneForm() {
        String signature = "ab".repeat(32);
        var parsed = RequestSignature.parse("KSB-HMAC-SHA256 Credential=KSBABCDEFGH234567, SignedHeaders=host;x-ksb-date, Signature="
                + signature).orElseThrow();
        assertThat(parsed.accessKeyId()).isEqualTo("KSBABCDEFGH234567");
        assertThat(parsed.signedHeaders()).isEqualTo(List.of("host", "x-ksb-date"));
        assertThat(parsed.header()).isEqualTo("KSB-HMAC-SHA256 Credential=KSBABCDEFGH234567, SignedHeaders=host;x-ksb-date, Signature="
                + signature);
        assertThat(RequestSignature.parse("Bearer abc")).isEmpty();
        assertThat(RequestSignature.parse(null)).isEmpty();
        assertThat(RequestSignature.parse("KSB-HMAC-SHA256 Credential=ksb-lower, SignedHeaders=host, Signature=" + signature)).isEmpty();
        assertThat(RequestSignature.parse("KSB-HMAC-SHA256 Credential=KSBABCDEFGH234567, SignedHeaders=host, Signature=xyz")).isEmpty();
    }
}
