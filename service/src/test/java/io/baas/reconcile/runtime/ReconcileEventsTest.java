package io.baas.reconcile.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.crd.Consortium;
import io.baas.crd.Organization;
import io.baas.crd.PeerNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Events go where a real API server takes them. The mock server is given the API server's rule
 * (core validation of v1 Events): an Event about a cluster-scoped object (empty
 * involvedObject.namespace) lives in {@code default}, one about a namespaced object in that object's
 * namespace; anything else is 422 "does not match event.namespace".
 */
class ReconcileEventsTest {

    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");
    private static final Pattern EVENTS_PATH = Pattern.compile("^/api/v1/namespaces/([^/]+)/events(\\?.*)?$");

    private KubernetesMockServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.destroy();
        }
    }

    @Test
    void anEventAboutAClusterScopedObjectIsInDefaultWithNoInvolvedNamespace() {
        Event event = ReconcileEvents.build(organization("bank-a"), "Normal", "Reconciled", "Applied {}.", NOW);

        assertThat(event.getMetadata().getNamespace()).isEqualTo("default");
        assertThat(event.getInvolvedObject().getNamespace()).isNull();
        assertThat(event.getInvolvedObject().getKind()).isEqualTo("Organization");
        assertThat(event.getInvolvedObject().getApiVersion()).isEqualTo("baas.io/v1");
        assertThat(event.getInvolvedObject().getName()).isEqualTo("bank-a");
        assertThat(event.getInvolvedObject().getUid()).isEqualTo("uid-bank-a");
        assertThat(event.getMetadata().getGenerateName()).isEqualTo("bank-a.");
        assertThat(event.getFirstTimestamp()).isEqualTo("2025-01-02T03:04:05Z");
        assertThat(event.getSource().getComponent()).isEqualTo("ks-baas");
        assertThat(ValidatingEvents.refusal(event)).isNull();
    }

    @Test
    void anEventAboutANamespacedObjectIsInItsNamespace() {
        PeerNode peer = new PeerNode();
        peer.getMetadata().setName("peer0");
        peer.getMetadata().setNamespace("trade-bank-a");
        Event event = ReconcileEvents.build(peer, "Warning", "ReconcileFailed", "no", NOW);

        assertThat(event.getMetadata().getNamespace()).isEqualTo("trade-bank-a");
        assertThat(event.getInvolvedObject().getNamespace()).isEqualTo("trade-bank-a");
        assertThat(ValidatingEvents.refusal(event)).isNull();
    }

    @Test
    void clusterScopedKindsGetTheirEventsFromAServerThatValidatesThem() {
        KubernetesClient client = start(new ValidatingEvents());
        ReconcileEvents events = new ReconcileEvents(client, Clock.systemUTC());
        Consortium consortium = new Consortium();
        consortium.getMetadata().setName("trade");
        PeerNode peer = new PeerNode();
        peer.getMetadata().setName("peer0");
        peer.getMetadata().setNamespace("trade-bank-a");

        events.record(organization("bank-a"), "Normal", "Reconciled", "Applied.");
        events.record(consortium, "Warning", "ReconcileFailed", "Retrying.");
        events.record(peer, "Normal", "Reconciled", "Applied.");

        assertThat(client.v1().events().inNamespace("default").list().getItems())
                .extracting(e -> e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName())
                .containsExactlyInAnyOrder("Organization/bank-a", "Consortium/trade");
        assertThat(client.v1().events().inNamespace("trade-bank-a").list().getItems())
                .extracting(e -> e.getInvolvedObject().getName()).containsExactly("peer0");
        assertThat(events.warnedCauses()).as("nothing was refused").isEmpty();
    }

    @Test
    void aRefusalIsLoggedOncePerCauseAndNeverFailsThePass() {
        KubernetesClient client = start(new RefusingEvents());
        ReconcileEvents events = new ReconcileEvents(client, Clock.systemUTC());

        events.record(organization("bank-a"), "Normal", "Reconciled", "Applied.");
        events.record(organization("bank-b"), "Warning", "ReconcileFailed", "Retrying.");

        assertThat(events.warnedCauses()).containsExactly("403 Forbidden");
    }

    private KubernetesClient start(KubernetesCrudDispatcher dispatcher) {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        return server.createClient();
    }

    private static HasMetadata organization(String name) {
        Organization organization = new Organization();
        organization.getMetadata().setName(name);
        organization.getMetadata().setUid("uid-" + name);
        return organization;
    }

    /** The API server's rule on an Event's namespace (core validation, legacy Events). */
    static final class ValidatingEvents extends KubernetesCrudDispatcher {

        static String refusal(Event event) {
            String namespace = event.getMetadata().getNamespace() == null ? "" : event.getMetadata().getNamespace();
            String involved = event.getInvolvedObject().getNamespace() == null ? "" : event.getInvolvedObject().getNamespace();
            if (involved.isEmpty()) {
                return namespace.isEmpty() || namespace.equals("default") ? null : "involvedObject.namespace: does not match event.namespace";
            }
            return involved.equals(namespace) ? null : "involvedObject.namespace: does not match event.namespace";
        }

        @Override
        public MockResponse handleCreate(RecordedRequest request) {
            Matcher path = EVENTS_PATH.matcher(request.getPath());
            if (!path.matches()) {
                return super.handleCreate(request);
            }
            String body = request.getUtf8Body();
            String refusal = refusal(Serialization.unmarshal(body, Event.class));
            if (refusal != null) {
                return new MockResponse().setResponseCode(422).setBody(Serialization.asJson(new StatusBuilder()
                        .withStatus("Failure").withCode(422).withReason("Invalid").withMessage(refusal).build()));
            }
            // The body was read: the store gets a request of its own.
            return super.handleCreate(new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(),
                    request.getHeaders(), new Buffer(body.getBytes(StandardCharsets.UTF_8))));
        }
    }

    /** A server whose RBAC lets no Event in. */
    static final class RefusingEvents extends KubernetesCrudDispatcher {

        @Override
        public MockResponse handleCreate(RecordedRequest request) {
            if (EVENTS_PATH.matcher(request.getPath()).matches()) {
                return new MockResponse().setResponseCode(403).setBody(Serialization.asJson(new StatusBuilder()
                        .withStatus("Failure").withCode(403).withReason("Forbidden").withMessage("events is forbidden").build()));
            }
            return super.handleCreate(request);
        }
    }
}
