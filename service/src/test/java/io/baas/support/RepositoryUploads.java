package io.baas.support;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;

/** Calls of the chaincode repository's routes as a user: uploads as streamed bodies, reviews as JSON. */
public final class RepositoryUploads {

    private RepositoryUploads() {
    }

    public static String path(String workspace, String name) {
        return "/workspaces/" + workspace + "/chaincodepackages/" + name;
    }

    public static Response upload(String user, String workspace, String name, String version, byte[] pkg) {
        return given().header("Authorization", TestTokens.bearer(user)).contentType("application/gzip")
                .queryParam("version", version).queryParam("language", "java").queryParam("description", "Uploaded by a test")
                .body(pkg).post(BaasApi.PREFIX + path(workspace, name) + "/versions");
    }

    public static Response uploadJar(String user, String workspace, String name, String version, byte[] jar) {
        return given().header("Authorization", TestTokens.bearer(user)).contentType("application/java-archive").body(jar)
                .put(BaasApi.PREFIX + path(workspace, name) + "/versions/" + version + "/jar");
    }

    public static Response review(String user, String workspace, String name, String version, String decision, String comment) {
        Map<String, Object> body = new HashMap<>(Map.of("version", version, "decision", decision));
        if (comment != null) {
            body.put("comment", comment);
        }
        return BaasApi.call(user, "POST", path(workspace, name) + "/reviews", body);
    }
}
