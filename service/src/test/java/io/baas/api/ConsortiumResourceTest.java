package io.baas.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.baas.crd.Consortium;
import io.baas.support.TestTokens;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConsortiumResourceTest {

    @Inject
    KubernetesClient client;

    @Test
    void platformAdminsListEveryConsortiumInKubeSpheresListShape() {
        // The shared test cluster holds other classes' consortia too: the answer must match the cluster, whatever it holds.
        Response answer = given().header("Authorization", TestTokens.bearer("admin")).when().get("/kapis/baas.io/v1/consortia");
        answer.then().statusCode(200);
        List<String> listed = answer.path("items.metadata.name");
        List<String> stored = client.resources(Consortium.class).list().getItems().stream().map(c -> c.getMetadata().getName()).toList();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(stored);
        assertThat(answer.<Integer>path("totalItems")).isEqualTo(stored.size());
    }
}
