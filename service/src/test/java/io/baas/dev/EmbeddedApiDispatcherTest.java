package io.baas.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded API's storage: what is written is kept, the requests that wrote it are not. */
class EmbeddedApiDispatcherTest {

    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        server = EmbeddedApiDispatcher.server();
        server.init();
        client = server.createClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void keepsWhatIsWrittenButNoRequest() throws Exception {
        for (int i = 0; i < 50; i++) {
            client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("cm-" + i).endMetadata()
                    .withData(Map.of("payload", "x".repeat(10_000))).build()).create();
        }
        assertThat(client.configMaps().inNamespace("default").list().getItems()).hasSize(50);
        assertThat(server.getRequestCount()).isGreaterThanOrEqualTo(51);
        // Every request but the last was dropped as the next came; the last, as it was answered.
        assertThat(server.takeRequest(0, TimeUnit.NANOSECONDS)).isNull();
    }

    @Test
    void answersARulesReviewWithEverything() {
        SelfSubjectRulesReview review = client.resource(new SelfSubjectRulesReviewBuilder().withNewSpec().withNamespace("default").endSpec()
                .build()).create();
        assertThat(review.getStatus().getIncomplete()).isFalse();
        assertThat(review.getStatus().getResourceRules()).singleElement()
                .satisfies(rule -> assertThat(rule.getVerbs()).containsExactly("*"));
    }
}
