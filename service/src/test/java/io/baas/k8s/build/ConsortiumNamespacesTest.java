package io.baas.k8s.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baas.crd.Consortium;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsortiumNamespacesTest {

    static final PlatformSettings PLATFORM = io.baas.support.TestPlatform.SETTINGS;

    static Consortium consortium(String name, String... organizationAndWorkspace) {
        Consortium consortium = new Consortium();
        consortium.getMetadata().setName(name);
        consortium.setSpec(new Consortium.Spec());
        for (int i = 0; i < organizationAndWorkspace.length; i += 2) {
            consortium.getSpec().members.add(new Consortium.Member(organizationAndWorkspace[i], organizationAndWorkspace[i + 1]));
        }
        consortium.getSpec().leader = consortium.getSpec().members.get(0);
        return consortium;
    }

    @Test
    void eachMemberGetsANamespaceInItsOwnWorkspace() {
        List<Namespace> namespaces = ConsortiumNamespaces.namespaces(consortium("trade", "bank-a", "ws-a", "bank-b", "ws-b", "port", "ws-c"));
        assertThat(namespaces).extracting(n -> n.getMetadata().getName()).containsExactly("trade-bank-a", "trade-bank-b", "trade-port");
        Namespace first = namespaces.get(0);
        assertThat(first.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "kubesphere.io/workspace", "ws-a",
                "baas.io/consortium", "trade",
                "baas.io/organization", "bank-a",
                "app.kubernetes.io/managed-by", "ks-baas",
                "kubesphere.io/managed", "true"));
        assertThat(namespaces.get(2).getMetadata().getLabels()).containsEntry("kubesphere.io/workspace", "ws-c");
        assertThat(namespaces).allSatisfy(n -> assertThat(n.getMetadata().getOwnerReferences()).isNullOrEmpty());
    }

    @Test
    void isolationAdmitsOnlyTheConsortiumTheServiceAndMonitoring() {
        List<NetworkPolicy> policies = ConsortiumNamespaces.isolationPolicies(consortium("trade", "bank-a", "ws-a", "bank-b", "ws-b"), PLATFORM);
        assertThat(policies).extracting(p -> p.getMetadata().getNamespace()).containsExactly("trade-bank-a", "trade-bank-b");
        NetworkPolicy policy = policies.get(0);
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getIngress()).hasSize(1);
        assertThat(policy.getSpec().getIngress().get(0).getFrom())
                .extracting(peer -> peer.getNamespaceSelector().getMatchLabels())
                .containsExactly(
                        Map.of("baas.io/consortium", "trade"),
                        Map.of("kubernetes.io/metadata.name", "kubesphere-system"),
                        Map.of("kubernetes.io/metadata.name", "kubesphere-monitoring-system"));
        assertThat(policy.getSpec().getIngress().get(0).getFrom()).allSatisfy(peer -> assertThat(peer.getPodSelector()).isNull());
    }

    @Test
    void aNamespaceNameLongerThanALabelIsRefused() {
        assertThatThrownBy(() -> ConsortiumNamespaces.namespaces(consortium("c".repeat(40), "o".repeat(30), "ws")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 63");
    }
}
