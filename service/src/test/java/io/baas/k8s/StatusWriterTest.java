package io.baas.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baas.crd.Channel;
import io.baas.dev.EmbeddedSeed;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusWriterTest {

    /** The CRUD mock takes any resourceVersion; this one answers 409 to as many status writes as asked, like an API server that saw another write first. */
    static final class ConflictingDispatcher extends KubernetesCrudDispatcher {
        final AtomicInteger conflicts = new AtomicInteger();

        @Override
        public MockResponse handleUpdate(RecordedRequest request) {
            if (request.getPath().endsWith("/status") && conflicts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return new MockResponse().setResponseCode(409).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                        + "\"reason\":\"Conflict\",\"code\":409,\"message\":\"the object has been modified\"}");
            }
            return super.handleUpdate(request);
        }
    }

    private final ConflictingDispatcher dispatcher = new ConflictingDispatcher();
    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        client = server.createClient();
        client.apiextensions().v1().customResourceDefinitions().resource(EmbeddedSeed.baasCrd(Channel.class)).create();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    private Channel stored() {
        Channel channel = new Channel();
        channel.getMetadata().setName("trade");
        channel.getMetadata().setNamespace("c1-org1");
        channel.setSpec(new Channel.Spec());
        channel.getSpec().channelId = "trade";
        return client.resources(Channel.class).resource(channel).create();
    }

    private Channel reread() {
        return client.resources(Channel.class).inNamespace("c1-org1").withName("trade").get();
    }

    @Test
    void theStatusIsWrittenWithTheGenerationThePassRead() {
        Channel read = stored();
        read.getMetadata().setGeneration(3L);

        StatusWriter.write(client, read, current -> {
            Channel.Status status = new Channel.Status();
            status.phase = Channel.Status.Phase.READY;
            return status;
        });

        assertThat(reread().getStatus().phase).isEqualTo(Channel.Status.Phase.READY);
        assertThat(reread().getStatus().observedGeneration).isEqualTo(3L);
    }

    @Test
    void aStatusThatSaysTheSameIsNotWritten() {
        Channel read = stored();
        StatusWriter.write(client, read, current -> ready());
        String version = reread().getMetadata().getResourceVersion();

        StatusWriter.write(client, read, current -> ready());

        assertThat(reread().getMetadata().getResourceVersion()).as("no write, no new version").isEqualTo(version);
        StatusWriter.write(client, read, current -> {
            Channel.Status changed = ready();
            changed.height = 2L;
            return changed;
        });
        assertThat(reread().getMetadata().getResourceVersion()).isNotEqualTo(version);
    }

    @Test
    void aWriteThatMeetsANewerVersionIsComputedAgainOnIt() {
        Channel read = stored();
        AtomicInteger computed = new AtomicInteger();

        StatusWriter.update(client, read, current -> {
            if (computed.incrementAndGet() == 1) {
                // Another writer gets in between this read and this write, which the server then refuses.
                Channel other = reread();
                other.setStatus(new Channel.Status());
                other.getStatus().peersJoined = List.of("peer0.org1");
                client.resources(Channel.class).resource(other).updateStatus();
                dispatcher.conflicts.set(1);
            }
            Channel.Status next = current == null ? new Channel.Status() : current;
            next.height = 1L;
            return next;
        });

        assertThat(computed).hasValue(2);
        Channel.Status status = reread().getStatus();
        assertThat(status.height).isEqualTo(1L);
        assertThat(status.peersJoined).as("the other writer's part is kept").containsExactly("peer0.org1");
    }

    @Test
    void conflictsWithoutEndAreReported() {
        Channel read = stored();
        dispatcher.conflicts.set(StatusWriter.ATTEMPTS);

        assertThatThrownBy(() -> StatusWriter.write(client, read, current -> ready()))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(reread().getStatus()).isNull();
    }

    @Test
    void aResourceThatIsGoneIsNotWritten() {
        Channel read = stored();
        client.resources(Channel.class).resource(read).delete();
        client.resources(Channel.class).inNamespace("c1-org1").withName("trade").waitUntilCondition(c -> c == null,
                10, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(StatusWriter.write(client, read, current -> ready())).isEmpty();
        assertThat(reread()).isNull();
    }

    private static Channel.Status ready() {
        Channel.Status status = new Channel.Status();
        status.phase = Channel.Status.Phase.READY;
        return status;
    }
}
