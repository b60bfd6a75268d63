package io.baas.iam.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalPathTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "/", "/kapis/baas.io/v1/consortia", "/kapis/baas.io/v1/consortia/",
            "/kapis/baas.io/v1/workspaces/ws-a/organizations/org-a/identityexports/user1",
            "/q/health/ready", "/q/swagger-ui/index.html",
            // Escapes of non-ASCII characters have no other spelling: they stay, and fail name validation later.
            "/kapis/baas.io/v1/workspaces/%C3%A9"})
    void acceptsPathsWithOneSpelling(String path) {
        assertThat(CanonicalPath.violation(path)).as(path).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/kapis/%62aas.io/v1/consortia", "/kapis/baas%2eio/v1/consortia", "/kapis/baas%2Eio/v1/consortia",
            "/%6bapis/baas.io/v1/consortia", "/kapis/baas.io/v%31/consortia", "/kapis/baas.io/v1/consortia%2F",
            "/kapis/baas.io/v1/workspaces/ws-b/organizations/%2e%2e/%2e%2e/ws-a/organizations/org-a",
            "/kapis/baas.io/v1/workspaces/ws-b/organizations/../../ws-a/organizations/org-a",
            "/kapis/baas.io/v1/workspaces/ws-b/organizations/.%2e/.%2e/ws-a",
            "/kapis/./baas.io/v1/consortia", "/kapis//baas.io/v1/consortia", "//kapis/baas.io/v1/consortia",
            "/kapis/baas.io;v=1/v1/consortia", "/kapis/baas.io/v1/consortia;jsessionid=1",
            "/kapis\\baas.io/v1/consortia", "/kapis%5cbaas.io/v1/consortia", "/kapis/baas.io/v1/consortia%00",
            "/kapis/baas.io/v1/consortia%3b", "/kapis/baas.io/v1/consortia%25", "/kapis/baas.io/v1/%252e%252e",
            "/kapis/baas.io/v1/consortia%", "/kapis/baas.io/v1/consortia%zz", "/kapis/baas.io/v1/%C0%AE%C0%AE",
            "/kapis/baas.io/v1/consortia#x", "/kapis/baas.io/v1/consortia%23", "/kapis/baas.io/v1/ws a", "/kapis/baas.io/v1/workspaces/ws%20a", "/kapis/baas.io/v1/consortia%7e",
            "kapis/baas.io/v1/consortia", "", "*", "/kapis/baas.io/v1/ws\u00e9"})
    void refusesEveryOtherSpelling(String path) {
        assertThat(CanonicalPath.violation(path)).as(path).isPresent();
    }
}
