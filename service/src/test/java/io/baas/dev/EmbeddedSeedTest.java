package io.baas.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.Test;

/** The objects the embedded KubeSphere is seeded with, as KubeSphere 4.1 accepts them. */
class EmbeddedSeedTest {

    @Test
    void aWorkspaceTemplateIsPlacedOnTheHostCluster() {
        GenericKubernetesResource workspace = EmbeddedSeed.workspace(EmbeddedSeed.SYSTEM_WORKSPACE);
        JsonNode json = new ObjectMapper().valueToTree(workspace);
        assertThat(json.path("apiVersion").asText()).isEqualTo("tenant.kubesphere.io/v1beta1");
        assertThat(json.path("kind").asText()).isEqualTo("WorkspaceTemplate");
        assertThat(json.at("/spec/placement/clusters").size()).isEqualTo(1);
        assertThat(json.at("/spec/placement/clusters/0/name").asText()).isEqualTo("host");
        assertThat(json.at("/spec/template/spec").isObject()).isTrue();
    }
}
