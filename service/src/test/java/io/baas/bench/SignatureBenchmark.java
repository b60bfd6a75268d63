package io.baas.bench;

import io.baas.openapi.RequestSignature;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * What checking one signed request costs the open API in CPU, apart from PostgreSQL: parsing the
 * Authorization header, the canonical request, the HMAC and the comparison, as
 * {@code SignedRequestVerifier} does them, for an empty body and for a 64 KiB one (its SHA-256 is
 * the body check). Run by {@code bench/signature.sh}; figures in docs/benchmarks.md.
 */
public final class SignatureBenchmark {

    private SignatureBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        byte[] secret = "bench-secret-0123456789abcdefghijklmnopqrstuv".getBytes(StandardCharsets.UTF_8);
        for (int size : new int[] {0, 64 * 1024}) {
            byte[] body = new byte[size];
            String sha = RequestSignature.sha256Hex(body);
            Map<String, String> headers = new TreeMap<>(Map.of("content-type", "application/json", "host", "127.0.0.1:8090",
                    "x-ksb-content-sha256", sha, "x-ksb-date", "20261204T220000Z", "x-ksb-nonce", "n0nce-0123456789abcdef"));
            String path = "/openapi/v1/namespaces/trade-org1/channels/deeds/evidences";
            String signature = RequestSignature.sign(secret, RequestSignature.stringToSign("20261204T220000Z",
                    RequestSignature.canonicalRequest("POST", path, "title=Lease&metadata=x", headers, sha)));
            String header = new RequestSignature.Authorization("KSBABCDEFGH234567ABC", headers.keySet().stream().toList(), signature).header();
            int matched = 0;
            for (int warm = 0; warm < rounds / 4; warm++) {
                matched += verify(secret, header, headers, path, body, signature) ? 1 : 0;
            }
            long started = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                matched += verify(secret, header, headers, path, body, signature) ? 1 : 0;
            }
            long elapsed = System.nanoTime() - started;
            if (matched != rounds + rounds / 4) {
                throw new IllegalStateException("a signature did not verify");
            }
            System.out.printf("body %6d bytes: %.2f us per verification (%d rounds, one thread)%n", size, elapsed / 1000.0 / rounds, rounds);
        }
    }

    private static boolean verify(byte[] secret, String header, Map<String, String> headers, String path, byte[] body, String signature) {
        RequestSignature.Authorization authorization = RequestSignature.parse(header).orElseThrow();
        String canonical = RequestSignature.canonicalRequest("POST", path, "title=Lease&metadata=x", headers, RequestSignature.sha256Hex(body));
        String expected = RequestSignature.sign(secret, RequestSignature.stringToSign(headers.get("x-ksb-date"), canonical));
        return RequestSignature.same(expected, authorization.signature()) && expected.equals(signature);
    }
}
