package io.baas.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.baas.crd.PeerNode;
import io.baas.error.DomainException;
import io.baas.error.ErrorKind;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A node's metric over time, asked of a Prometheus that answers as Prometheus' query_range API does. */
class NodeMetricsHistoryTest {

    private HttpServer prometheus;
    private final List<String> asked = new ArrayList<>();
    private volatile int status = 200;
    private volatile String answer = """
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"channel":"trade","namespace":"trade-bank","service":"peer0"},"values":[[1733362800,"0.5"],[1733362860,"1.25"]]}]}}
            """;
    private NodeMetricsHistory history;

    @BeforeEach
    void start() throws IOException {
        prometheus = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        prometheus.createContext("/prom/api/v1/query_range", exchange -> {
            asked.add(URLDecoder.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), StandardCharsets.UTF_8));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        prometheus.start();
        // No trailing slash: the path still counts.
        history = new NodeMetricsHistory(Optional.of(URI.create("http://127.0.0.1:" + prometheus.getAddress().getPort() + "/prom")));
    }

    @AfterEach
    void stop() {
        prometheus.stop(0);
    }

    @Test
    void aCounterIsAskedAsARateOfTheNodesOwnServiceAndItsSeriesRead() {
        NodeMetricsHistory.History answered = history.of(peer0(), "ledger_transaction_count", "2h", "30s");
        assertThat(asked).singleElement().asString()
                .startsWith("query=rate(ledger_transaction_count{namespace=\"trade-bank\",service=\"peer0\"}[120s])&start=")
                .endsWith("&step=30");
        assertThat(Duration.between(answered.start(), answered.end())).isEqualTo(Duration.ofHours(2));
        assertThat(answered.series()).singleElement().satisfies(series -> {
            assertThat(series.labels()).containsEntry("channel", "trade");
            assertThat(series.points()).extracting(NodeMetricsHistory.Point::value).containsExactly(0.5, 1.25);
            assertThat(series.points().get(0).time()).hasToString("2024-12-05T01:40:00Z");
        });
        history.of(peer0(), "ledger_blockchain_height", null, null);
        assertThat(asked.get(1)).startsWith("query=ledger_blockchain_height{namespace=\"trade-bank\",service=\"peer0\"}&start=").endsWith("&step=60");
    }

    @Test
    void whatCannotBeAskedIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> history.of(peer0(), "process_cpu_seconds_total\"} or vector(1", null, null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.details()).singleElement()
                        .satisfies(d -> assertThat(d.field()).isEqualTo("metric")));
        assertThatThrownBy(() -> history.of(peer0(), "ledger_blockchain_height", "30d", null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.details().get(0).field()).isEqualTo("range"));
        assertThatThrownBy(() -> history.of(peer0(), "ledger_blockchain_height", "1h", "1s"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.details().get(0).field()).isEqualTo("step"));
        assertThatThrownBy(() -> history.of(peer0(), "ledger_blockchain_height", "168h", "15s"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.details().get(0).message()).contains("points"));
        assertThat(asked).isEmpty();
    }

    @Test
    void aPrometheusThatRefusesOrIsMissingSaysSo() {
        status = 400;
        answer = "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}";
        assertThatThrownBy(() -> history.of(peer0(), "ledger_blockchain_height", null, null))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.DEPENDENCY_FAILED);
                    assertThat(e.reason()).isEqualTo("MonitoringUnavailable");
                    assertThat(e.getMessage()).isEqualTo("Prometheus refused the query: parse error");
                });
        assertThatThrownBy(() -> new NodeMetricsHistory(Optional.empty()).of(peer0(), "ledger_blockchain_height", null, null))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
                    assertThat(e.reason()).isEqualTo("MonitoringNotConfigured");
                });
    }

    private static PeerNode peer0() {
        PeerNode peer = new PeerNode();
        peer.setMetadata(new ObjectMetaBuilder().withName("peer0").withNamespace("trade-bank").build());
        return peer;
    }
}
