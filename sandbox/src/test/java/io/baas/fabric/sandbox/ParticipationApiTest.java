package io.baas.fabric.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.fabric.Fixtures;
import io.baas.fabric.configtx.BatchSize;
import io.baas.fabric.tls.TlsMaterial;
import io.baas.pki.CertifiedKey;
import io.baas.pki.Identity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The participation API over mutual TLS, against the orderer answers recorded in the fixture's participation/ folder. */
class ParticipationApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOUNDARY = "osnadminBoundary7c1f";

    private final SandboxNetwork network = new SandboxNetwork();
    private final byte[] genesis = network.genesis(network.channel(new BatchSize(10, 99 * BatchSize.MEGABYTE, 512 * 1024),
            Duration.ofSeconds(2))).toByteArray();
    private OrderingNode node;
    private HttpClient admin;

    @BeforeEach
    void start() {
        node = OrderingNode.start(network.ordererSettings());
        admin = client(network.ordererAdmin);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void joinListGetAndJoinAgainAnswerAsTheFabricOrderer() throws Exception {
        HttpResponse<String> joined = send(admin, join(genesis));
        assertThat(joined.statusCode()).isEqualTo(201);
        assertThat(joined.headers().firstValue("Location")).hasValue("/participation/v1/channels/mychannel");
        assertThat(joined.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(joined.body())).isEqualTo(osnadminJson("participation/join-first.osnadmin.txt"));

        HttpResponse<String> list = send(admin, get("/participation/v1/channels"));
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(list.body()).isEqualTo(Fixtures.text("participation/channels.json"));

        HttpResponse<String> one = send(admin, get("/participation/v1/channels/mychannel"));
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode fixture = JSON.readTree(Fixtures.text("participation/channel-mychannel.json"));
        assertSameFields(JSON.readTree(one.body()), fixture, "height");
        assertThat(JSON.readTree(one.body()).get("height").asLong()).isEqualTo(1);

        HttpResponse<String> again = send(admin, join(genesis));
        assertThat(again.statusCode()).isEqualTo(405);
        assertThat(again.headers().firstValue("Allow")).hasValue("GET, DELETE");
        assertThat(again.body()).isEqualTo(Fixtures.text("participation/join-again.json"));
    }

    @Test
    void anUnknownChannelIsNotFound() throws Exception {
        HttpResponse<String> missing = send(admin, get("/participation/v1/channels/nosuchchannel"));

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Cache-Control")).isEmpty();
        assertThat(missing.body()).isEqualTo(Fixtures.text("participation/channel-nosuchchannel.json"));
    }

    @Test
    void removeAnswersNoContentThenTheChannelIsGone() throws Exception {
        send(admin, join(genesis));

        assertThat(send(admin, request("/participation/v1/channels/mychannel").DELETE().build()).statusCode()).isEqualTo(204);
        assertThat(send(admin, get("/participation/v1/channels/mychannel")).statusCode()).isEqualTo(404);
        HttpResponse<String> removedTwice = send(admin, request("/participation/v1/channels/mychannel").DELETE().build());
        assertThat(removedTwice.statusCode()).isEqualTo(404);
        assertThat(removedTwice.body()).isEqualTo("{\"error\":\"cannot remove: channel does not exist\"}\n");
        assertThat(send(admin, get("/participation/v1/channels")).body()).isEqualTo("{\"systemChannel\":null,\"channels\":null}\n");
    }

    @Test
    void badJoinRequestsAreRefused() throws Exception {
        HttpResponse<String> notABlock = send(admin, join("not a block".getBytes(StandardCharsets.UTF_8)));
        assertThat(notABlock.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notABlock.body()).get("error").asText()).startsWith("cannot unmarshal file part config-block into a block");

        HttpResponse<String> transactionBlock = send(admin, join(Fixtures.bytes("blocks-orderer/mychannel-3.block")));
        assertThat(transactionBlock.statusCode()).isEqualTo(400);
        assertThat(transactionBlock.body()).isEqualTo("{\"error\":\"invalid join block: block is not a config block\"}\n");

        HttpResponse<String> wrongType = send(admin, request("/participation/v1/channels")
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(genesis)).build());
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).contains("unsupported Content-Type");

        HttpResponse<String> put = send(admin, request("/participation/v1/channels/mychannel")
                .PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, DELETE");
    }

    @Test
    void clientsWithoutACertificateOfTheAdminTlsCaAreRefusedDuringTheHandshake() {
        HttpClient anonymous = HttpClient.newBuilder().sslContext(TlsMaterial.context(null,
                TlsMaterial.trustManagers(List.of(network.ordererTlsCa())))).build();
        assertThatThrownBy(() -> send(anonymous, get("/participation/v1/channels"))).isInstanceOf(IOException.class);

        Identity org1Admin = new SandboxNetwork().ordererAdmin;
        // Same name and role, but issued by another network's orderer TLS CA.
        assertThatThrownBy(() -> send(client(org1Admin), get("/participation/v1/channels"))).isInstanceOf(IOException.class);
    }

    private HttpClient client(Identity identity) {
        CertifiedKey tls = identity.tls();
        KeyManager[] keys = TlsMaterial.keyManagers(tls, List.of());
        return HttpClient.newBuilder()
                .sslContext(TlsMaterial.context(keys, TlsMaterial.trustManagers(List.of(network.ordererTlsCa()))))
                .build();
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + node.adminPort() + path)).timeout(Duration.ofSeconds(20));
    }

    /** The form osnadmin channel join sends: one file part named config-block. */
    private HttpRequest join(byte[] block) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"config-block\"; filename=\"config.block\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(block);
        body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return request("/participation/v1/channels")
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** osnadmin prints "Status: N" and then the indented body. */
    private static JsonNode osnadminJson(String file) throws IOException {
        String text = Fixtures.text(file);
        return JSON.readTree(text.substring(text.indexOf('{')));
    }

    private static void assertSameFields(JsonNode ours, JsonNode fabrics, String except) {
        assertThat(ours.fieldNames()).toIterable().containsExactlyElementsOf(() -> fabrics.fieldNames());
        fabrics.fieldNames().forEachRemaining(field -> {
            if (!field.equals(except)) {
                assertThat(ours.get(field)).as(field).isEqualTo(fabrics.get(field));
            }
        });
    }
}
