package io.baas.iam.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worked examples of ks-apiserver's RequestInfoFactory (KubeSphere 4). */
class RequestAttributesResolverTest {

    private static RequestAttributes resolve(String method, String path) {
        return RequestAttributesResolver.resolve(method, path, Map.of());
    }

    @Test
    void workspaceCollectionIsAWorkspaceScopedList() {
        RequestAttributes a = resolve("GET", "/kapis/baas.io/v1/workspaces/ws1/consortia");
        assertThat(a.resourceRequest()).isTrue();
        assertThat(a.apiGroup()).isEqualTo("baas.io");
        assertThat(a.apiVersion()).isEqualTo("v1");
        assertThat(a.workspace()).isEqualTo("ws1");
        assertThat(a.resource()).isEqualTo("consortia");
        assertThat(a.name()).isEmpty();
        assertThat(a.verb()).isEqualTo("list");
        assertThat(a.scope()).isEqualTo(ResourceScope.WORKSPACE);
    }

    @Test
    void methodsMapToVerbsAndNamelessDeleteIsDeleteCollection() {
        assertThat(resolve("POST", "/kapis/baas.io/v1/workspaces/ws1/consortia").verb()).isEqualTo("create");
        assertThat(resolve("DELETE", "/kapis/baas.io/v1/workspaces/ws1/consortia").verb()).isEqualTo("deletecollection");
        assertThat(resolve("DELETE", "/kapis/baas.io/v1/workspaces/ws1/consortia/c1").verb()).isEqualTo("delete");
        assertThat(resolve("PUT", "/kapis/baas.io/v1/workspaces/ws1/consortia/c1").verb()).isEqualTo("update");
        assertThat(resolve("PATCH", "/kapis/baas.io/v1/workspaces/ws1/consortia/c1").verb()).isEqualTo("patch");
        assertThat(resolve("GET", "/kapis/baas.io/v1/workspaces/ws1/consortia/c1").verb()).isEqualTo("get");
        assertThat(resolve("HEAD", "/kapis/baas.io/v1/workspaces/ws1/consortia/c1").verb()).isEqualTo("get");
        assertThat(resolve("OPTIONS", "/kapis/baas.io/v1/workspaces/ws1/consortia/c1").verb()).isEmpty();
    }

    @Test
    void watchQueryTurnsAListIntoAWatch() {
        assertThat(RequestAttributesResolver.resolve("GET", "/kapis/baas.io/v1/consortia", Map.of("watch", List.of("true"))).verb())
                .isEqualTo("watch");
        assertThat(RequestAttributesResolver.resolve("GET", "/kapis/baas.io/v1/consortia", Map.of("watch", List.of("false"))).verb())
                .isEqualTo("list");
    }

    @Test
    void theWorkspaceItselfIsTheWorkspacesResource() {
        RequestAttributes a = resolve("GET", "/kapis/baas.io/v1/workspaces/ws1");
        assertThat(a.resource()).isEqualTo("workspaces");
        assertThat(a.name()).isEqualTo("ws1");
        assertThat(a.workspace()).isEqualTo("ws1");
        assertThat(a.scope()).isEqualTo(ResourceScope.WORKSPACE);
        RequestAttributes all = resolve("GET", "/kapis/baas.io/v1/workspaces");
        assertThat(all.scope()).isEqualTo(ResourceScope.CLUSTER);
        assertThat(all.verb()).isEqualTo("list");
    }

    @Test
    void segmentsAfterTheSubresourceAreNotSeen() {
        RequestAttributes a = resolve("GET", "/kapis/baas.io/v1/namespaces/ns/channels/ch/evidences/x");
        assertThat(a.namespace()).isEqualTo("ns");
        assertThat(a.resource()).isEqualTo("channels");
        assertThat(a.name()).isEqualTo("ch");
        assertThat(a.subresource()).isEqualTo("evidences");
        assertThat(a.qualifiedResource()).isEqualTo("channels/evidences");
        assertThat(a.verb()).isEqualTo("get");
        assertThat(a.scope()).isEqualTo(ResourceScope.NAMESPACE);
    }

    @Test
    void theNamespaceItselfIsTheNamespacesResource() {
        RequestAttributes a = resolve("GET", "/kapis/baas.io/v1/namespaces/ns");
        assertThat(a.resource()).isEqualTo("namespaces");
        assertThat(a.name()).isEqualTo("ns");
        assertThat(a.namespace()).isEqualTo("ns");
        RequestAttributes status = resolve("GET", "/kapis/baas.io/v1/namespaces/ns/status");
        assertThat(status.resource()).isEqualTo("namespaces");
        assertThat(status.subresource()).isEqualTo("status");
    }

    @Test
    void namespaceInsideAWorkspaceIsNamespaceScoped() {
        RequestAttributes a = resolve("GET", "/kapis/baas.io/v1/workspaces/ws/namespaces/ns/peers");
        assertThat(a.workspace()).isEqualTo("ws");
        assertThat(a.namespace()).isEqualTo("ns");
        assertThat(a.resource()).isEqualTo("peers");
        assertThat(a.scope()).isEqualTo(ResourceScope.NAMESPACE);
    }

    @Test
    void clusterPrefixesAreStripped() {
        RequestAttributes a = resolve("GET", "/clusters/host/kapis/baas.io/v1/consortia");
        assertThat(a.cluster()).isEqualTo("host");
        assertThat(a.resource()).isEqualTo("consortia");
        assertThat(a.path()).isEqualTo("/kapis/baas.io/v1/consortia");
        RequestAttributes legacy = resolve("GET", "/kapis/clusters/member/baas.io/v1/consortia");
        assertThat(legacy.cluster()).isEqualTo("member");
        assertThat(legacy.apiGroup()).isEqualTo("baas.io");
        assertThat(legacy.resource()).isEqualTo("consortia");
    }

    @Test
    void globalResourcesAreGlobalUnlessInAWorkspace() {
        assertThat(resolve("GET", "/kapis/iam.kubesphere.io/v1beta1/users").scope()).isEqualTo(ResourceScope.GLOBAL);
        assertThat(resolve("GET", "/kapis/tenant.kubesphere.io/v1beta1/workspaces/ws1").scope()).isEqualTo(ResourceScope.WORKSPACE);
        assertThat(resolve("GET", "/kapis/baas.io/v1/consortia").scope()).isEqualTo(ResourceScope.CLUSTER);
    }

    @Test
    void shortPathsAreNonResourceRequests() {
        RequestAttributes a = resolve("GET", "/kapis/baas.io/v1");
        assertThat(a.resourceRequest()).isFalse();
        assertThat(a.verb()).isEqualTo("GET");
        assertThat(resolve("GET", "/q/health").resourceRequest()).isFalse();
        assertThat(resolve("GET", "/").resourceRequest()).isFalse();
    }

    @Test
    void proxyIsAVerbAndHasNoSubresource() {
        RequestAttributes a = resolve("GET", "/api/v1/proxy/namespaces/ns/services/svc/anything");
        assertThat(a.verb()).isEqualTo("proxy");
        assertThat(a.apiGroup()).isEmpty();
        assertThat(a.resource()).isEqualTo("services");
        assertThat(a.name()).isEqualTo("svc");
        assertThat(a.subresource()).isEmpty();
    }
}
