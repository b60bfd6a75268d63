package io.baas.pki.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.pki.DnsNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secret names of the service's namespace cannot be spelled by another organization; labels decide ownership. */
class SecretNamesTest {

    @Test
    void namesThatCollidedWhenJoinedAreDistinctAndValid() {
        List<String> names = List.of(
                IdentitySecret.name("p", "identity-q"), IdentitySecret.name("p-identity", "q"), IdentitySecret.name("p", "q"),
                IdentitySecret.name("a", "b-ca"), OrganizationCaSecret.name("a-identity-b"),
                IdentitySecret.name("m", "n-ca"), OrganizationCaSecret.name("m-identity-n"),
                OrganizationCaSecret.name("p"), IdentitySecret.name("p", ""), IdentitySecret.name("", "p"));
        assertThat(names).doesNotHaveDuplicates();
        assertThat(names).allSatisfy(name -> {
            assertThat(name).hasSizeLessThanOrEqualTo(63).matches("baas-(ca|identity)-[0-9a-f]{20}");
            DnsNames.requireResourceName(name);
        });
        assertThat(IdentitySecret.name("p", "q")).isEqualTo(IdentitySecret.name("p", "q")).startsWith("baas-identity-");
        assertThat(OrganizationCaSecret.name("p")).startsWith("baas-ca-");
    }

    @Test
    void anIdentitySecretBelongsOnlyToTheOrganizationAndIdentityItsLabelsName() {
        Secret secret = secret(Map.of(Labels.MANAGED_BY, Labels.MANAGER, Labels.COMPONENT, IdentitySecret.COMPONENT,
                Labels.ORGANIZATION, "p", IdentitySecret.IDENTITY, "identity-q", IdentitySecret.ROLE, "client"));
        assertThat(IdentitySecret.belongsTo(secret, "p", "identity-q")).isTrue();
        assertThat(IdentitySecret.belongsTo(secret, "p-identity", "q")).isFalse();
        assertThat(IdentitySecret.belongsTo(secret, "p", "q")).isFalse();
        assertThat(OrganizationCaSecret.belongsTo(secret, "p")).as("an identity is no CA").isFalse();
        assertThat(IdentitySecret.belongsTo(secret(Map.of(Labels.COMPONENT, IdentitySecret.COMPONENT, Labels.ORGANIZATION, "p",
                IdentitySecret.IDENTITY, "identity-q")), "p", "identity-q")).as("not managed by ks-baas").isFalse();
        assertThat(IdentitySecret.belongsTo(secret(null), "p", "q")).isFalse();
    }

    @Test
    void aCaSecretBelongsOnlyToTheOrganizationItsLabelsName() {
        Secret builtIn = secret(Labels.organization("a-identity-b", OrganizationCaSecret.COMPONENT));
        Secret external = secret(Labels.organization("a-identity-b", ExternalCaSecret.COMPONENT));
        assertThat(OrganizationCaSecret.belongsTo(builtIn, "a-identity-b")).isTrue();
        assertThat(OrganizationCaSecret.belongsTo(external, "a-identity-b")).isTrue();
        assertThat(OrganizationCaSecret.belongsTo(builtIn, "a")).isFalse();
        assertThat(IdentitySecret.belongsTo(builtIn, "a", "b-ca")).isFalse();
        assertThat(OrganizationCaSecret.belongsTo(secret(Labels.organization("a-identity-b", "something-else")), "a-identity-b")).isFalse();
    }

    @Test
    void nodeObjectsAreLabelledForTheirOrganizationAndNode() {
        Secret node = secret(Labels.node("bank-a", "peer0", NodeMaterialBuilder.COMPONENT));
        assertThat(NodeMaterialBuilder.labelledFor(node, "bank-a", "peer0")).isTrue();
        assertThat(NodeMaterialBuilder.labelledFor(node, "bank-b", "peer0")).isFalse();
        assertThat(NodeMaterialBuilder.labelledFor(node, "bank-a", "peer1")).isFalse();
    }

    private static Secret secret(Map<String, String> labels) {
        return new SecretBuilder().withNewMetadata().withName("any").withLabels(labels).endMetadata().build();
    }
}
