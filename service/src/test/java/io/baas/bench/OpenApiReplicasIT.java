package io.baas.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.openapi.OpenApiClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the packaged service behind one Service name, on one database and one Kubernetes
 * API (the first's embedded one; the second runs against it as it would against a cluster): a
 * signed request taken by one replica is a replay on the other, whichever comes first, because the
 * nonces are in PostgreSQL. Lives beside {@link PackagedService}, which starts them.
 */
class OpenApiReplicasIT {

    /** The host name both replicas serve under, as a Service or an Ingress gives it. */
    private static final String SERVICE_HOST = "ks-baas-openapi.baas-system:8090";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aNonceTakenOnOneReplicaIsARefusedReplayOnTheOther() throws Exception {
        String run = HexFormat.of().formatHex(new byte[] {(byte) ThreadLocalRandom.current().nextInt(), (byte) ThreadLocalRandom.current().nextInt()});
        int openA = PackagedService.freePort();
        int openB = PackagedService.freePort();
        PackagedService a = PackagedService.start("baas_test", Map.of("BAAS_OPEN_API_PORT", String.valueOf(openA)));
        PackagedService b = null;
        try {
            b = PackagedService.start("baas_test", Map.of("BAAS_KUBERNETES_EMBEDDED", "false",
                    "QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", "http://127.0.0.1:" + a.kubernetesPort(),
                    "QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true",
                    "BAAS_OPEN_API_PORT", String.valueOf(openB)));
            String workspace = "replicas-" + run;
            String admin = workspace + "-admin";
            String organization = "rep" + run;
            String consortium = "repc" + run;
            NotarizationBenchmark.tenants(a, Map.of(workspace, admin));
            expect(a.call(admin, "POST", "/workspaces/" + workspace + "/organizations", Map.of("name", organization,
                    "mspId", "Rep" + run + "MSP", "domain", organization + ".example.com")), 201);
            NotarizationBenchmark.await("organization Ready", () -> "Ready".equals(a.call(admin, "GET", "/workspaces/" + workspace
                    + "/organizations/" + organization, null).body().path("status").path("phase").asText()));
            expect(a.call(admin, "POST", "/workspaces/" + workspace + "/consortia", Map.of("name", consortium, "organization", organization,
                    "orderers", 1, "peersPerMember", 1)), 201);
            String namespace = consortium + "-" + organization;
            // The application's namespace is held once the consortium records it; the second replica reads the same record.
            Map<String, Object> application = Map.of("name", "replicated", "scopes", List.of(Map.of("channel", "ledger", "app",
                    "notarization", "operations", List.of("verify"))));
            NotarizationBenchmark.await("the namespace held by the consortium", () -> a.call(admin, "POST", "/namespaces/" + namespace
                    + "/applications", application).status() == 201);
            PackagedService second = b;
            NotarizationBenchmark.await("the application read through the second replica", () -> second.call(admin, "GET", "/namespaces/"
                    + namespace + "/applications/replicated", null).status() == 200);
            JsonNode key = expect(a.call(admin, "POST", "/namespaces/" + namespace + "/applications/replicated/keys", null), 201);
            OpenApiClient signer = new OpenApiClient(URI.create("http://" + SERVICE_HOST), key.path("accessKeyId").asText(),
                    key.path("secret").asText());
            String path = "/openapi/v1/namespaces/" + namespace + "/channels/ledger/evidenceverifications";
            byte[] body = JSON.writeValueAsBytes(Map.of("digest", "ab".repeat(32)));

            // Taken by A first: past the signature, the nonce and the scope (the channel does not exist: not a 401); a replay on B.
            OpenApiClient.Signed first = signer.sign("POST", path, "application/json", body, Instant.now(), signer.nonce());
            JsonNode onA = send(openA, first);
            assertThat(onA.path("code").asInt()).as(onA.toString()).isNotIn(401, 403, 429);
            assertThat(send(openB, first).path("reason").asText()).isEqualTo("NonceReused");
            // And the other way round.
            OpenApiClient.Signed second2 = signer.sign("POST", path, "application/json", body, Instant.now(), signer.nonce());
            JsonNode onB = send(openB, second2);
            assertThat(onB.path("code").asInt()).as(onB.toString()).isNotIn(401, 403, 429);
            assertThat(send(openA, second2).path("reason").asText()).isEqualTo("NonceReused");
        } finally {
            if (b != null) {
                b.stop();
            }
            a.stop();
        }
    }

    /** The signed request over a socket to one replica's port, under the Service's host name it was signed for. */
    private static JsonNode send(int port, OpenApiClient.Signed request) throws IOException {
        StringBuilder head = new StringBuilder(request.method()).append(' ').append(request.pathAndQuery()).append(" HTTP/1.1\r\n");
        request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(request.body().length).append("\r\nConnection: close\r\n\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(request.body());
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        }
    }

    private static JsonNode expect(PackagedService.Answer answer, int status) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        return answer.body();
    }
}
