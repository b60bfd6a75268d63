package io.baas.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every field of the committed CRDs explains itself ({@code kubectl explain}, the console's YAML
 * editor): a property without a description fails, however deep it sits.
 */
class CrdDescriptionsTest {

    private static final Path COMMITTED = Path.of("../crds");
    /**
     * Kubernetes' own ResourceRequirements: its fields are the core API's (kubectl explain
     * pod.spec.containers.resources), and the generator copies them without descriptions.
     */
    private static final Set<String> CORE_TYPES = Set.of("spec.resources");

    @Test
    void everyPropertyOfEveryCrdHasADescription() throws IOException {
        List<Path> crds = crds();
        assertThat(crds).as("the committed CRDs").hasSize(BaasKinds.ALL.size());
        List<String> undescribed = new ArrayList<>();
        for (Path file : crds) {
            CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
            JSONSchemaProps root = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
            walk(crd.getSpec().getNames().getKind(), "", root, undescribed);
        }
        assertThat(undescribed).as("properties without a description (add @JsonPropertyDescription to the field)").isEmpty();
    }

    @Test
    void explainShowsTheOrderingService() throws IOException {
        CustomResourceDefinition consortium = Serialization.unmarshal(Files.readString(COMMITTED.resolve("consortia.baas.io-v1.yml")),
                CustomResourceDefinition.class);
        JSONSchemaProps ordering = consortium.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema()
                .getProperties().get("spec").getProperties().get("orderingService");
        assertThat(ordering.getDescription()).contains("ordering service");
        assertThat(ordering.getProperties().get("nodes").getDescription()).contains("default 3");
    }

    /** Checks the properties of an object, of array items and of map values, recursively; the root and spec/status too. */
    private static void walk(String kind, String path, JSONSchemaProps schema, List<String> undescribed) {
        if (schema == null || CORE_TYPES.contains(path)) {
            return;
        }
        if (schema.getProperties() != null) {
            for (Map.Entry<String, JSONSchemaProps> property : schema.getProperties().entrySet()) {
                String child = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
                boolean topLevelMeta = path.isEmpty() && Set.of("apiVersion", "kind", "metadata").contains(property.getKey());
                String description = property.getValue().getDescription();
                if (!topLevelMeta && (description == null || description.isBlank())) {
                    undescribed.add(kind + " " + child);
                }
                walk(kind, child, property.getValue(), undescribed);
            }
        }
        if (schema.getItems() != null) {
            walk(kind, path + "[]", schema.getItems().getSchema(), undescribed);
        }
        if (schema.getAdditionalProperties() != null) {
            walk(kind, path + "{}", schema.getAdditionalProperties().getSchema(), undescribed);
        }
    }

    private static List<Path> crds() throws IOException {
        try (Stream<Path> files = Files.list(COMMITTED)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-v1.yml")).sorted().toList();
        }
    }
}
