package io.baas.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baas.config.KubeSphereVersion;
import io.baas.crd.BaasKinds;
import io.baas.crd.PeerNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterAccessTest {

    @Test
    void everyBaasKindIsWritableWithStatusAndFinalizers() {
        for (Class<? extends HasMetadata> kind : BaasKinds.ALL) {
            String plural = HasMetadata.getPlural(kind);
            for (String verb : List.of("get", "list", "watch", "create", "update", "patch", "delete")) {
                assertThat(ClusterAccess.allows(ClusterAccess.Reach.CLUSTER, "baas.io", plural, verb)).as(plural + " " + verb).isTrue();
            }
            assertThat(ClusterAccess.allows(ClusterAccess.Reach.CLUSTER, "baas.io", plural + "/status", "update")).isTrue();
            assertThat(ClusterAccess.allows(ClusterAccess.Reach.CLUSTER, "baas.io", plural + "/finalizers", "update")).isTrue();
        }
    }

    @Test
    void everyKubeSphereKindTheIamCacheWatchesIsReadableOnBothGenerations() {
        for (KubeSphereVersion version : KubeSphereVersion.values()) {
            for (KubeSphereKind kind : KubeSphereKind.values()) {
                if (!kind.existsIn(version) || kind == KubeSphereKind.ROLE_TEMPLATE || kind == KubeSphereKind.BUILTIN_ROLE) {
                    continue;
                }
                for (String verb : List.of("get", "list", "watch")) {
                    assertThat(ClusterAccess.allows(ClusterAccess.Reach.CLUSTER, kind.group(version), kind.plural(), verb))
                            .as(version + " " + kind + " " + verb).isTrue();
                }
                assertThat(ClusterAccess.allows(ClusterAccess.Reach.CLUSTER, kind.group(version), kind.plural(), "create")).isFalse();
            }
        }
        assertThat(ClusterAccess.allows(ClusterAccess.Reach.CLUSTER, "rbac.authorization.k8s.io", "rolebindings", "watch")).isTrue();
        assertThat(ClusterAccess.allows(ClusterAccess.Reach.CLUSTER, "tenant.kubesphere.io", "workspacetemplates", "list")).isTrue();
    }

    @Test
    void secretsAreListedOnlyInTheServiceAndKubeSphereNamespaces() {
        assertThat(ClusterAccess.allows(ClusterAccess.Reach.CLUSTER, "", "secrets", "get")).isTrue();
        assertThat(ClusterAccess.allows(ClusterAccess.Reach.CLUSTER, "", "secrets", "list")).isFalse();
        assertThat(ClusterAccess.allows(ClusterAccess.Reach.CLUSTER, "", "secrets", "watch")).isFalse();
        assertThat(ClusterAccess.allows(ClusterAccess.Reach.SERVICE_NAMESPACE, "", "secrets", "list")).isTrue();
        assertThat(ClusterAccess.allows(ClusterAccess.Reach.KUBESPHERE_SYSTEM, "", "secrets", "watch")).isTrue();
        assertThat(ClusterAccess.allows(ClusterAccess.Reach.KUBESPHERE_SYSTEM, "", "configmaps", "watch")).isTrue();
        assertThat(ClusterAccess.allows(ClusterAccess.Reach.SERVICE_NAMESPACE, "coordination.k8s.io", "leases", "update")).isTrue();
        assertThat(ClusterAccess.allows(ClusterAccess.Reach.CLUSTER, "coordination.k8s.io", "leases", "update")).isFalse();
    }

    @Test
    void theKindsTheBuildersProduceMayBeApplied() {
        for (HasMetadata object : List.<HasMetadata>of(new Namespace(), new NetworkPolicy(), new Secret(), new ConfigMap(),
                new Service(), new StatefulSet(), new Deployment(), new PeerNode())) {
            ClusterAccess.requireClusterWide(object, "get", "create", "patch", "delete");
        }
    }

    @Test
    void aKindNobodyListedIsRefused() {
        assertThatThrownBy(() -> ClusterAccess.requireClusterWide(new Pod(), "create"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("pods").hasMessageContaining("ClusterAccess");
        assertThatThrownBy(() -> ClusterAccess.requireClusterWide(new ClusterRole(), "create"))
                .hasMessageContaining("rbac.authorization.k8s.io/clusterroles");
    }

    @Test
    void nothingGrantsEscalationOrWildcards() {
        for (ClusterAccess.Rule rule : ClusterAccess.RULES) {
            assertThat(rule.verbs()).doesNotContain("*", "escalate", "bind", "impersonate");
            assertThat(rule.resource()).isNotEqualTo("*");
            assertThat(rule.group()).isNotEqualTo("*");
        }
    }
}
