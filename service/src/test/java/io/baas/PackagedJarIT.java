package io.baas;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.support.TcpForwarder;
import io.baas.support.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar as an operator starts it: {@code BAAS_KUBERNETES_EMBEDDED=true
 * BAAS_IAM_JWT_SECRET=<s> java -jar target/quarkus-app/quarkus-run.jar}, PostgreSQL on localhost.
 */
class PackagedJarIT {

    private static final String SECRET = "packaged-jar-secret";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Process service;
    private static Path log;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        port = TcpForwarder.freePort();
        log = Files.createTempFile("ks-baas-jar", ".log");
        log.toFile().deleteOnExit();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(Map.of(
                "BAAS_KUBERNETES_EMBEDDED", "true",
                "BAAS_IAM_JWT_SECRET", SECRET,
                "QUARKUS_HTTP_PORT", String.valueOf(port),
                // The test database, which the unit tests create; an operator points these at theirs.
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/baas_test",
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/baas_test",
                "QUARKUS_DATASOURCE_USERNAME", "postgres"));
        service = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (true) {
            assertThat(service.isAlive()).as("the jar exited; its log:\n" + Files.readString(log)).isTrue();
            try {
                if (get("/q/health/ready", null).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            assertThat(Instant.now()).as("ready within 90s; log:\n" + Files.readString(log)).isBefore(deadline);
            Thread.sleep(250);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (service != null) {
            service.destroy();
            service.waitFor();
        }
    }

    private static HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String user, String type) {
        long now = Instant.now().getEpochSecond();
        return "Bearer " + TestTokens.sign(Map.of("username", user, "token_type", type, "iat", now, "exp", now + 600), SECRET);
    }

    @Test
    void adminGetsAnEmptyListOfConsortia() throws Exception {
        HttpResponse<String> response = get("/kapis/baas.io/v1/consortia", token("admin", "access_token"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"items\":[],\"totalItems\":0}");
        assertThat(Files.readString(log)).contains("Embedded in-memory Kubernetes API").contains("Embedded KubeSphere 4.x seeded");
    }

    @Test
    void theChaincodeShimIsNotPartOfTheServiceButItsJarsAreShipped() throws Exception {
        // The shim's static registries must never load into the service's class loader (docs/architecture.md).
        try (var libs = Files.walk(java.nio.file.Path.of("target/quarkus-app/lib"))) {
            assertThat(libs.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("fabric-chaincode-shim"));
        }
        // ...while the chaincode jars and packages ship as resources of the Fabric library the service runs on.
        java.nio.file.Path library;
        try (var main = Files.list(java.nio.file.Path.of("target/quarkus-app/lib/main"))) {
            library = main.filter(p -> p.getFileName().toString().startsWith("io.baas.ks-baas-fabric-")).findFirst().orElseThrow();
        }
        try (var jar = new java.util.zip.ZipFile(library.toFile())) {
            assertThat(jar.getEntry("chaincodes/notarization.jar")).as(library + " ships notarization.jar").isNotNull();
            assertThat(jar.getEntry("chaincodes/asset-transfer_1.0.tar.gz")).as(library + " ships the asset-transfer package").isNotNull();
        }
    }

    @Test
    void noTokenUnknownUserAndRefreshTokenAreRefused() throws Exception {
        assertThat(get("/kapis/baas.io/v1/consortia", null).statusCode()).isEqualTo(401);
        assertThat(get("/kapis/baas.io/v1/consortia", token("stranger", "access_token")).statusCode()).isEqualTo(401);
        assertThat(get("/kapis/baas.io/v1/consortia", token("admin", "refresh_token")).statusCode()).isEqualTo(401);
    }
}
