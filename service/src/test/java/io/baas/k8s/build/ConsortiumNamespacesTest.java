package io.baas.k8s.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baas.config.PodSecurityLevel;
import io.baas.crd.Consortium;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsortiumNamespacesTest {

    static final PlatformSettings PLATFORM = io.baas.support.TestPlatform.SETTINGS;

    static Consortium consortium(String name, String... organizationAndWorkspace) {
        Consortium consortium = new Consortium();
        consortium.getMetadata().setName(name);
        consortium.getMetadata().setUid("uid-" + name);
        consortium.setSpec(new Consortium.Spec());
        for (int i = 0; i < organizationAndWorkspace.length; i += 2) {
            consortium.getSpec().members.add(new Consortium.Member(organizationAndWorkspace[i], organizationAndWorkspace[i + 1]));
        }
        consortium.getSpec().leader = consortium.getSpec().members.get(0);
        return consortium;
    }

    @Test
    void eachMemberGetsANamespaceInItsOwnWorkspaceMarkedWithTheConsortiumsUid() {
        Consortium trade = consortium("trade", "bank-a", "ws-a", "bank-b", "ws-b", "port", "ws-c");
        assertThat(trade.getSpec().members).extracting(m -> ConsortiumNamespaces.namespaceName("trade", m.organization))
                .containsExactly("trade-bank-a", "trade-bank-b", "trade-port");
        Namespace first = ConsortiumNamespaces.namespace(trade, trade.getSpec().members.get(0), "trade-bank-a", PLATFORM);
        assertThat(first.getMetadata().getName()).isEqualTo("trade-bank-a");
        assertThat(first.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "kubesphere.io/workspace", "ws-a",
                "baas.io/consortium", "trade",
                "baas.io/organization", "bank-a",
                "app.kubernetes.io/managed-by", "ks-baas",
                "kubesphere.io/managed", "true",
                "pod-security.kubernetes.io/enforce", "restricted",
                "pod-security.kubernetes.io/enforce-version", "latest"));
        assertThat(first.getMetadata().getAnnotations()).containsExactlyEntriesOf(Map.of("baas.io/consortium-uid", "uid-trade"));
        assertThat(ConsortiumNamespaces.namespace(trade, trade.getSpec().members.get(2), "trade-port", PLATFORM).getMetadata().getLabels())
                .containsEntry("kubesphere.io/workspace", "ws-c");
        assertThat(first.getMetadata().getOwnerReferences()).isNullOrEmpty();
    }

    @Test
    void theNamespacesEnforceThePlatformsPodSecurityLevelOrNoneAtAll() {
        Consortium trade = consortium("trade", "bank-a", "ws-a");
        Namespace baseline = ConsortiumNamespaces.namespace(trade, trade.getSpec().members.get(0), "trade-bank-a",
                withPodSecurity(PodSecurityLevel.BASELINE));
        assertThat(baseline.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "baseline")
                .containsEntry("pod-security.kubernetes.io/enforce-version", "latest");
        Namespace none = ConsortiumNamespaces.namespace(trade, trade.getSpec().members.get(0), "trade-bank-a",
                withPodSecurity(PodSecurityLevel.NONE));
        assertThat(none.getMetadata().getLabels().keySet()).noneMatch(key -> key.startsWith("pod-security.kubernetes.io/"));
    }

    static PlatformSettings withPodSecurity(PodSecurityLevel level) {
        PlatformSettings p = PLATFORM;
        return new PlatformSettings(p.imageRegistry(), p.fabricVersion(), p.couchdbImage(), p.storageClassName(), p.peerStorageSize(),
                p.ordererStorageSize(), p.peerResources(), p.ordererResources(), p.serviceNamespace(), p.monitoringNamespace(),
                p.clusterDomain(), p.operationsTls(), p.chaincodeImage(), p.chaincodeResources(), level, p.couchdbResources());
    }

    @Test
    void onlyANamespaceCarryingTheConsortiumsUidIsItsOwn() {
        Consortium trade = consortium("trade", "bank-a", "ws-a");
        Namespace ours = ConsortiumNamespaces.namespace(trade, trade.getSpec().members.get(0), "trade-bank-a", PLATFORM);
        assertThat(ConsortiumNamespaces.madeBy(ours, trade)).isTrue();
        Consortium other = consortium("other", "bank-a", "ws-a");
        assertThat(ConsortiumNamespaces.madeBy(ours, other)).isFalse();
        Namespace labelledOnly = new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("trade-bank-a")
                .withLabels(ours.getMetadata().getLabels()).endMetadata().build();
        assertThat(ConsortiumNamespaces.madeBy(labelledOnly, trade)).as("labels are not ownership").isFalse();
    }

    @Test
    void aChangedOrMissingLabelOfTheServiceIsDrift() {
        Consortium trade = consortium("trade", "bank-a", "ws-a");
        Namespace desired = ConsortiumNamespaces.namespace(trade, trade.getSpec().members.get(0), "trade-bank-a", PLATFORM);
        Namespace stored = ConsortiumNamespaces.namespace(trade, trade.getSpec().members.get(0), "trade-bank-a", PLATFORM);
        stored.getMetadata().getLabels().put("kubernetes.io/metadata.name", "trade-bank-a");
        assertThat(ConsortiumNamespaces.labelsDrifted(stored, desired)).as("labels others add are not drift").isFalse();
        stored.getMetadata().getLabels().put("baas.io/organization", "bank-b");
        assertThat(ConsortiumNamespaces.labelsDrifted(stored, desired)).isTrue();
        stored.getMetadata().getLabels().remove("baas.io/organization");
        assertThat(ConsortiumNamespaces.labelsDrifted(stored, desired)).isTrue();
    }

    @Test
    void isolationAdmitsOnlyTheConsortiumsNamespacesByNameTheServiceAndMonitoring() {
        Consortium trade = consortium("trade", "bank-a", "ws-a", "bank-b", "ws-b");
        NetworkPolicy policy = ConsortiumNamespaces.isolationPolicy(trade, "trade-bank-a", List.of("trade-bank-b", "trade-bank-a"), PLATFORM);
        assertThat(policy.getMetadata().getNamespace()).isEqualTo("trade-bank-a");
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getIngress()).hasSize(1);
        assertThat(policy.getSpec().getIngress().get(0).getFrom())
                .extracting(peer -> peer.getNamespaceSelector().getMatchLabels())
                .containsExactly(
                        Map.of("kubernetes.io/metadata.name", "trade-bank-a"),
                        Map.of("kubernetes.io/metadata.name", "trade-bank-b"),
                        Map.of("kubernetes.io/metadata.name", "kubesphere-system"),
                        Map.of("kubernetes.io/metadata.name", "kubesphere-monitoring-system"));
        assertThat(policy.getSpec().getIngress().get(0).getFrom()).allSatisfy(peer -> assertThat(peer.getPodSelector()).isNull());
    }

    @Test
    void namespacesOfThePlatformAreRefused() {
        assertThat(ConsortiumNamespaces.refusal(consortium("kubesphere", "system", "ws"))).contains("kubesphere-system");
        assertThat(ConsortiumNamespaces.refusal(consortium("kube", "public", "ws"))).contains("kube-public");
        assertThat(ConsortiumNamespaces.refusal(consortium("openshift", "apps", "ws"))).contains("openshift-");
        assertThat(ConsortiumNamespaces.refusal(consortium("kube-x", "y", "ws"))).isNotNull();
        assertThat(ConsortiumNamespaces.reservedReason("default")).isNotNull();
        assertThat(ConsortiumNamespaces.reservedReason("kubesphere-monitoring-system")).isNotNull();
        Consortium empty = consortium("kubesphere", "x", "ws");
        empty.getSpec().members.clear();
        assertThat(ConsortiumNamespaces.refusal(empty)).as("the consortium name alone").isNotNull();
        assertThat(ConsortiumNamespaces.refusal(consortium("trade", "bank-a", "ws"))).isNull();
        assertThat(ConsortiumNamespaces.refusal(consortium("kubes", "x", "ws"))).as("only whole prefixes").isNull();
    }

    @Test
    void aNamespaceNameLongerThanALabelIsRefused() {
        assertThatThrownBy(() -> ConsortiumNamespaces.namespaceName("c".repeat(40), "o".repeat(30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 63");
        assertThat(ConsortiumNamespaces.refusal(consortium("c".repeat(40), "o".repeat(30), "ws"))).contains("longer than 63");
    }
}
