package io.baas.k8s.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

/** The official models really refuse what a strict API server refuses, so the guard cannot pass by accident. */
class OpenApiModelsTest {

    private static StatefulSet statefulSet() {
        return new StatefulSetBuilder().withNewMetadata().withName("peer0").withNamespace("trade-bank-a").endMetadata()
                .withNewSpec().withServiceName("peer0-headless").withNewSelector().addToMatchLabels("app", "peer0").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "peer0").endMetadata()
                .withNewSpec().addNewContainer().withName("peer").withImage("hyperledger/fabric-peer:2.5.5").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    @Test
    void aValidStatefulSetPasses() {
        assertThat(OpenApiModels.validate("apps/v1", "StatefulSet", Serialization.asJson(statefulSet()))).isEmpty();
    }

    @Test
    void anUnknownFieldDeepInsideIsRefused() {
        String json = Serialization.asJson(statefulSet()).replace("\"image\":", "\"imagePullSecret\":\"x\",\"image\":");
        assertThat(OpenApiModels.validate("apps/v1", "StatefulSet", json)).hasValueSatisfying(message ->
                assertThat(message).contains("imagePullSecret").contains("V1Container")
                        .startsWith(".spec.template.spec.containers[0]: "));
    }

    @Test
    void aMissingRequiredFieldIsRefused() {
        StatefulSet set = statefulSet();
        set.getSpec().getTemplate().getSpec().getContainers().get(0).setName(null);
        assertThat(OpenApiModels.validate("apps/v1", "StatefulSet", Serialization.asJson(set))).hasValueSatisfying(message ->
                assertThat(message).contains("required field `name`").startsWith(".spec.template.spec.containers[0]: "));
        set = statefulSet();
        set.getSpec().setSelector(null);
        assertThat(OpenApiModels.validate("apps/v1", "StatefulSet", Serialization.asJson(set))).hasValueSatisfying(message ->
                assertThat(message).contains("selector"));
    }

    @Test
    void kindsMapToTheirModels() {
        assertThat(OpenApiModels.model("v1", "Event")).hasValueSatisfying(c -> assertThat(c.getSimpleName()).isEqualTo("CoreV1Event"));
        assertThat(OpenApiModels.model("networking.k8s.io/v1", "NetworkPolicy")).isPresent();
        assertThat(OpenApiModels.model("apiextensions.k8s.io/v1", "CustomResourceDefinition")).isPresent();
        assertThat(OpenApiModels.builtIn("baas.io/v1")).isFalse();
        assertThat(OpenApiModels.builtIn("apps/v1")).isTrue();
    }
}
