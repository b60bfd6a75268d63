package io.baas.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * crds/ holds the CRDs generated from the baas.io classes (by the build's CRD generator); it must
 * never drift from them, and their schemas must carry the validation the classes declare.
 */
class CrdFilesTest {

    private static final Path GENERATED = Path.of("target/classes/META-INF/fabric8");
    private static final Path COMMITTED = Path.of("../crds");

    @Test
    void crdsFolderMatchesTheClasses() throws IOException {
        List<String> generated = names(GENERATED);
        if (Boolean.getBoolean("write.crds")) {
            Files.createDirectories(COMMITTED);
            for (String name : generated) {
                Files.copy(GENERATED.resolve(name), COMMITTED.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertThat(generated).as("one CRD per kind in BaasKinds").hasSize(BaasKinds.ALL.size());
        assertThat(names(COMMITTED)).as("crds/ files; regenerate with ./mvnw test -pl service -Dtest=CrdFilesTest -Dwrite.crds=true")
                .isEqualTo(generated);
        for (String name : generated) {
            assertThat(Files.readString(COMMITTED.resolve(name))).as("crds/" + name + " is stale; regenerate with -Dwrite.crds=true")
                    .isEqualTo(Files.readString(GENERATED.resolve(name)));
        }
    }

    @Test
    void schemasCarryTheDeclaredValidation() throws IOException {
        JSONSchemaProps channel = spec("channels.baas.io-v1.yml");
        assertThat(channel.getRequired()).contains("channelId", "consortium", "organizations");
        assertThat(channel.getProperties().get("channelId").getPattern()).isEqualTo("^[a-z][a-z0-9.-]{0,248}$");
        assertThat(channel.getProperties().get("batch").getProperties().get("maxMessageCount").getMaximum()).isEqualTo(10000.0);

        JSONSchemaProps consortium = spec("consortia.baas.io-v1.yml");
        assertThat(consortium.getProperties().get("orderingService").getProperties().get("nodes").getMaximum()).isEqualTo(7.0);
        assertThat(consortium.getProperties().get("leader").getProperties().get("organization").getPattern())
                .isEqualTo(BaasResource.DNS_LABEL);
        assertThat(crd("consortia.baas.io-v1.yml").getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema()
                .getXKubernetesValidations()).as("consortium names that put its namespaces in the platform's are refused by the API server")
                .singleElement().satisfies(rule -> assertThat(rule.getRule()).contains("kubesphere").contains("self.metadata.name"));

        JSONSchemaProps peer = spec("peernodes.baas.io-v1.yml");
        assertThat(peer.getProperties().get("stateDatabase").getEnum()).extracting(n -> n.asText()).containsExactlyInAnyOrder("LevelDB", "CouchDB");
        assertThat(spec("organizations.baas.io-v1.yml").getProperties().get("caMode").getEnum()).extracting(n -> n.asText())
                .containsExactlyInAnyOrder("BuiltIn", "External");

        JSONSchemaProps collection = spec("chaincodes.baas.io-v1.yml").getProperties().get("collections").getItems().getSchema();
        assertThat(collection.getType()).isEqualTo("object");
        assertThat(collection.getAdditionalProperties()).as("typed, not a free map (which pruned nested objects)").isNull();
        assertThat(collection.getProperties()).containsOnlyKeys("name", "policy", "requiredPeerCount", "maxPeerCount", "blockToLive",
                "memberOnlyRead", "memberOnlyWrite", "endorsementPolicy");
        assertThat(collection.getRequired()).containsExactlyInAnyOrder("name", "policy");
        assertThat(collection.getProperties().get("requiredPeerCount").getMinimum()).isEqualTo(0.0);
        assertThat(collection.getProperties().get("name").getPattern()).isEqualTo(Chaincode.COLLECTION_NAME);
        assertThat(collection.getXKubernetesValidations()).singleElement()
                .satisfies(rule -> assertThat(rule.getRule()).contains("self.requiredPeerCount").contains("self.maxPeerCount"));
        assertThat(collection.getProperties().get("endorsementPolicy").getProperties()).containsOnlyKeys("signaturePolicy", "channelConfigPolicy");

        for (String name : names(COMMITTED)) {
            CustomResourceDefinition crd = crd(name);
            assertThat(crd.getSpec().getVersions().get(0).getSubresources().getStatus()).as(name + " status subresource").isNotNull();
            assertThat(crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns()).as(name + " printer columns")
                    .extracting(c -> c.getName()).contains("Age");
            assertThat(crd.getSpec().getNames().getShortNames()).as(name + " short names").isNotEmpty();
        }
        assertThat(crd("peernodes.baas.io-v1.yml").getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(crd("consortia.baas.io-v1.yml").getSpec().getScope()).isEqualTo("Cluster");
    }

    private static JSONSchemaProps spec(String name) throws IOException {
        return crd(name).getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    }

    private static CustomResourceDefinition crd(String name) throws IOException {
        return Serialization.unmarshal(Files.readString(COMMITTED.resolve(name)), CustomResourceDefinition.class);
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("-v1.yml")).sorted().toList();
        }
    }
}
