package io.baas.iam.permission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.baas.iam.rbac.RequestAttributes;
import io.baas.iam.rbac.RequestAttributesResolver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The permission table against the real routes: every JAX-RS route under /kapis/baas.io/v1 (read
 * from the OpenAPI document the running service publishes) has an entry, every entry has a route,
 * and each entry says what ks-apiserver really derives from that path.
 */
@QuarkusTest
class PermissionTableTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void everyRouteIsInTheTableAndEveryEntryIsARoute() {
        Set<String> routes = new TreeSet<>();
        Map<String, Map<String, Object>> paths = JsonPath.from(given().accept("application/json")
                .get("/q/openapi?format=json").then().statusCode(200).extract().asString()).getMap("paths");
        paths.forEach((path, operations) -> {
            if (path.startsWith(PermissionTable.PREFIX)) {
                operations.keySet().stream().filter(METHODS::contains).forEach(m -> routes.add(m.toUpperCase() + " " + path));
            }
        });
        Set<String> table = new TreeSet<>();
        PermissionTable.ROUTES.forEach(r -> table.add(r.method() + " " + r.path()));
        assertThat(routes).as("routes missing from the permission table").isSubsetOf(table);
        assertThat(table).as("table entries without a route").isSubsetOf(routes);
    }

    @Test
    void everyEntryAgreesWithWhatKsApiserverDerivesFromThePath() {
        List<String> disagreements = new ArrayList<>();
        for (RoutePermission route : PermissionTable.ROUTES) {
            RequestAttributes derived = RequestAttributesResolver.resolve(route.method(), sample(route.path()), Map.of());
            RoutePermission fromPath = new RoutePermission(route.method(), route.path(), derived.scope(), derived.resource(),
                    derived.subresource(), derived.verb(), route.sensitivity());
            if (!derived.apiGroup().equals(PermissionTable.GROUP) || !fromPath.equals(route)) {
                disagreements.add(route + " but the path gives " + fromPath + " in group " + derived.apiGroup());
            }
        }
        assertThat(disagreements).isEmpty();
    }

    /**
     * ks-apiserver authorizes on scope, resource, subresource and verb only (it reads three path
     * parts after the scope), so two routes with the same four are one permission: they must be
     * meant as one (same access, both sensitive or neither), or granting one grants the other.
     */
    @Test
    void routesThatKsApiserverCannotTellApartAreOnePermission() {
        Map<String, RoutePermission> seen = new java.util.HashMap<>();
        List<String> clashes = new ArrayList<>();
        for (RoutePermission route : PermissionTable.ROUTES) {
            String key = route.scope() + " " + route.qualifiedResource() + " " + route.verb();
            RoutePermission earlier = seen.putIfAbsent(key, route);
            if (earlier != null && (earlier.access() != route.access() || earlier.sensitivity() != route.sensitivity())) {
                clashes.add(earlier.method() + " " + earlier.path() + " and " + route.method() + " " + route.path()
                        + " are both " + key);
            }
        }
        assertThat(clashes).isEmpty();
        // The check itself: a read and an export on one key would be a clash.
        RoutePermission read = new RoutePermission("GET", "/x", io.baas.iam.rbac.ResourceScope.WORKSPACE, "organizations",
                "identityexports", "create", RoutePermission.Sensitivity.NONE);
        RoutePermission export = new RoutePermission("POST", "/y", io.baas.iam.rbac.ResourceScope.WORKSPACE, "organizations",
                "identityexports", "create", RoutePermission.Sensitivity.EXPORTS_SECRETS);
        assertThat(read.access()).isNotEqualTo(export.access());
    }

    @Test
    void everyEntryIsCoveredByARoleTemplate() {
        Set<String> templates = new TreeSet<>();
        RoleTemplateCatalog.roleTemplates().forEach(t -> templates.add(t.getMetadata().getName()));
        for (RoutePermission route : PermissionTable.ROUTES) {
            String name = new RoleTemplateCatalog.TemplateKey(RoleTemplateCatalog.kubesphereScope(route.scope()),
                    route.qualifiedResource(), route.access()).name();
            assertThat(templates).as("RoleTemplate for " + route).contains(name);
        }
    }

    @Test
    void docsPermissionsIsUpToDate() throws IOException {
        Path doc = Path.of("../docs/permissions.md");
        String rendered = PermissionDocument.render();
        if (Boolean.getBoolean("write.permissions.doc")) {
            Files.createDirectories(doc.getParent());
            Files.writeString(doc, rendered);
        }
        assertThat(doc).as("docs/permissions.md; regenerate with -Dwrite.permissions.doc=true").exists();
        assertThat(Files.readString(doc)).as("docs/permissions.md is stale; regenerate with -Dwrite.permissions.doc=true")
                .isEqualTo(rendered);
    }

    /** A concrete path for a template: {workspace} and {namespace} get valid names, other parameters too. */
    static String sample(String template) {
        return template.replace("{workspace}", "ws-sample").replace("{namespace}", "ns-sample")
                .replaceAll("\\{[^}]+}", "name-sample");
    }
}
