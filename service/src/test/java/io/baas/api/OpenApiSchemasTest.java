package io.baas.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.baas.iam.permission.PermissionTable;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document a console or client generator reads: every route under the API prefix says
 * what it answers on success with a schema (but 204s, which have no body), and every POST and PUT
 * that reads a body says which schema.
 */
@QuarkusTest
class OpenApiSchemasTest {

    static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    @Test
    void everyRouteDescribesItsBodiesWithSchemas() {
        JsonPath document = JsonPath.from(given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");
        List<String> missing = new ArrayList<>();
        paths.forEach((path, operations) -> {
            if (!path.startsWith(PermissionTable.PREFIX)) {
                return;
            }
            operations.forEach((method, operation) -> {
                if (!METHODS.contains(method)) {
                    return;
                }
                String route = method.toUpperCase() + " " + path;
                Map<String, Map<String, Object>> responses = cast(operation.get("responses"));
                Map.Entry<String, Map<String, Object>> success = responses.entrySet().stream()
                        .filter(r -> r.getKey().startsWith("2")).findFirst().orElse(null);
                if (success == null) {
                    missing.add(route + ": no success response");
                } else if (!success.getKey().equals("204") && !hasSchema(success.getValue())) {
                    missing.add(route + ": " + success.getKey() + " without a schema");
                }
                Map<String, Object> requestBody = cast(operation.get("requestBody"));
                if (requestBody != null && !hasSchema(requestBody)) {
                    missing.add(route + ": request body without a schema");
                }
            });
        });
        assertThat(missing).isEmpty();
    }

    private static boolean hasSchema(Map<String, Object> bodyOrResponse) {
        Map<String, Map<String, Object>> content = cast(bodyOrResponse.get("content"));
        return content != null && !content.isEmpty() && content.values().stream().allMatch(media -> {
            Map<String, Object> schema = cast(media.get("schema"));
            return schema != null && (schema.containsKey("$ref") || schema.containsKey("type") || schema.containsKey("allOf"));
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
