package io.baas.iam.kubesphere;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.iam.rbac.Binding;
import io.baas.iam.rbac.Rule;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IamObjectsTest {

    private static GenericKubernetesResource binding(String resourceVersion, String user) {
        GenericKubernetesResource binding = new GenericKubernetesResource();
        binding.setApiVersion("iam.kubesphere.io/v1beta1");
        binding.setKind("WorkspaceRoleBinding");
        binding.setMetadata(new ObjectMetaBuilder().withName("ws1-admin-binding").withResourceVersion(resourceVersion).build());
        binding.setAdditionalProperty("roleRef", Map.of("apiGroup", "iam.kubesphere.io", "kind", "WorkspaceRole", "name", "ws1-admin"));
        binding.setAdditionalProperty("subjects", List.of(Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "User", "name", user)));
        return binding;
    }

    private static GenericKubernetesResource role(String resourceVersion, String verb) {
        GenericKubernetesResource role = new GenericKubernetesResource();
        role.setApiVersion("iam.kubesphere.io/v1beta1");
        role.setKind("WorkspaceRole");
        role.setMetadata(new ObjectMetaBuilder().withName("ws1-viewer").withResourceVersion(resourceVersion).build());
        role.setAdditionalProperty("rules", List.of(Map.of("apiGroups", List.of("*"), "resources", List.of("channels"), "verbs", List.of(verb))));
        return role;
    }

    @Test
    void aBindingIsReadAsItsSubjectsAndRole() {
        Binding read = IamObjects.binding(binding("7", "alice"));
        assertThat(read.roleRef()).isEqualTo(new Binding.RoleRef("WorkspaceRole", "ws1-admin"));
        assertThat(read.subjects()).extracting(Binding.Subject::name).containsExactly("alice");
    }

    /** Parsed once per version: a write gives the object a new resourceVersion, and that version is read anew. */
    @Test
    void eachVersionIsReadAsItIs() {
        assertThat(IamObjects.binding(binding("11", "alice")).subjects()).extracting(Binding.Subject::name).containsExactly("alice");
        assertThat(IamObjects.binding(binding("11", "alice"))).isSameAs(IamObjects.binding(binding("11", "alice")));
        assertThat(IamObjects.binding(binding("12", "mallory")).subjects()).extracting(Binding.Subject::name).containsExactly("mallory");
        assertThat(IamObjects.rules(role("21", "get"))).extracting(Rule::verbs).containsExactly(List.of("get"));
        assertThat(IamObjects.rules(role("22", "delete"))).extracting(Rule::verbs).containsExactly(List.of("delete"));
        // Objects that were never stored (no version) are read every time.
        assertThat(IamObjects.binding(binding(null, "bob")).subjects()).extracting(Binding.Subject::name).containsExactly("bob");
        assertThat(IamObjects.binding(binding(null, "carol")).subjects()).extracting(Binding.Subject::name).containsExactly("carol");
    }
}
