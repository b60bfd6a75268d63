package io.baas.chaincode.repository;

import static io.baas.support.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.baas.chaincode.review.fixtures.CleanContract;
import io.baas.chaincode.review.fixtures.FileContract;
import io.baas.chaincode.review.fixtures.NetworkContract;
import io.baas.chaincode.review.fixtures.RandomContract;
import io.baas.chaincode.review.fixtures.ReflectionContract;
import io.baas.chaincode.review.fixtures.ThreadContract;
import io.baas.chaincode.review.fixtures.WallClockContract;
import io.baas.crd.Chaincode;
import io.baas.fabric.chaincode.TarEntry;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.store.DatabaseMigrator;
import io.baas.support.BaasApi;
import io.baas.support.ContractJars;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.RepositoryUploads;
import io.baas.support.TestTokens;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chaincode repository through the API: uploads streamed with their own limit, every archive
 * attack refused with its own reason and nothing stored, the review report of third-party jars
 * (one per finding category), the review by someone other than the uploader, downloads, deletes,
 * and the platform's built-in packages in every workspace.
 */
@QuarkusTest
class ChaincodeRepositoryApiTest {

    static final String WORKSPACE = "ccrepo";
    static final String OTHER = "ccrepo-other";
    static final String ADMIN = WORKSPACE + "-admin";
    static final String REVIEWER = WORKSPACE + "-reviewer";
    static final String VIEWER = WORKSPACE + "-viewer";
    static final String OTHER_REVIEWER = WORKSPACE + "-reviewer2";

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Inject
    DatabaseMigrator migrator;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "baas.repository.max-package-bytes")
    long maxPackageBytes;

    @BeforeEach
    void tenants() {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        fixtures.workspaceWithAdmin(WORKSPACE);
        fixtures.workspaceWithAdmin(OTHER);
        fixtures.user(REVIEWER);
        fixtures.workspaceRoleBinding(REVIEWER, WORKSPACE, "admin");
        fixtures.user(OTHER_REVIEWER);
        fixtures.workspaceRoleBinding(OTHER_REVIEWER, WORKSPACE, "admin");
        fixtures.user(VIEWER);
        fixtures.workspaceRoleBinding(VIEWER, WORKSPACE, "viewer");
        KubeSphereFixtures.await(migrator::migrated);
    }

    @Test
    void everyWorkspaceSeesTheBuiltInsApprovedWithoutFindings() {
        Response list = BaasApi.call(OTHER + "-admin", "GET", "/workspaces/" + OTHER + "/chaincodepackages", null);
        list.then().statusCode(200).body("items.findAll { it.platform }.name", hasItems("notarization", "asset-transfer"));
        for (String name : List.of("notarization", "asset-transfer")) {
            BaasApi.call(OTHER + "-admin", "GET", "/workspaces/" + OTHER + "/chaincodepackages/" + name + "/versions/1.0", null).then()
                    .statusCode(200)
                    .body("platform", equalTo(true))
                    .body("state", equalTo("Approved"))
                    .body("report.complete", equalTo(true))
                    .body("report.findings.size()", equalTo(0))
                    .body("report.jar.classesScanned", org.hamcrest.Matchers.greaterThan(0));
            // The jar a built-in's package names, read from the shipped resources when asked for.
            byte[] jar = BaasApi.call(OTHER + "-admin", "GET", "/workspaces/" + OTHER + "/chaincodepackages/" + name + "/versions/1.0/jar",
                    null).then().statusCode(200).extract().asByteArray();
            io.baas.fabric.chaincode.BuiltInChaincodes.BuiltIn builtIn = io.baas.fabric.chaincode.BuiltInChaincodes.find(name).orElseThrow();
            assertThat(io.baas.fabric.chaincode.SandboxJar.of(builtIn.jar().jar(), jar)).isEqualTo(builtIn.jar());
        }
        assertError(BaasApi.call(ADMIN, "DELETE", "/workspaces/" + WORKSPACE + "/chaincodepackages/notarization/versions/1.0", null)
                .then(), 403, "Forbidden");
        byte[] pkg = ContractJars.packageWithoutJar("notarization_9");
        assertError(upload(ADMIN, "notarization", "9", pkg).then(), 409, "Conflict");
    }

    @Test
    void aCleanVersionIsUploadedWithItsJarScannedAndApprovedByAnotherReviewer() {
        String name = unique("clean");
        byte[] jar = ContractJars.jar(CleanContract.class);
        byte[] pkg = ContractJars.packageOf(name + "_1.0", "clean.jar", jar);

        upload(ADMIN, name, "1.0", pkg).then().statusCode(201)
                .body("state", equalTo("Submitted"))
                .body("workspace", equalTo(WORKSPACE))
                .body("uploadedBy", equalTo(ADMIN))
                .body("packageId", org.hamcrest.Matchers.startsWith(name + "_1.0:"))
                .body("jarName", equalTo("clean.jar"))
                .body("jarUploaded", equalTo(false))
                .body("report.complete", equalTo(false));
        // Not before the jar the package names is scanned.
        assertError(review(REVIEWER, name, "1.0", "Approve", null).then(), 409, "JarMissing");
        assertError(uploadJar(ADMIN, name, "1.0", ContractJars.jar(WallClockContract.class)).then(), 400, "JarMismatch");
        uploadJar(ADMIN, name, "1.0", jar).then().statusCode(200)
                .body("jarUploaded", equalTo(true))
                .body("report.complete", equalTo(true))
                .body("report.findings.size()", equalTo(0))
                .body("report.jar.classesScanned", equalTo(1));

        assertError(review(ADMIN, name, "1.0", "Approve", null).then(), 403, "Forbidden");
        review(REVIEWER, name, "1.0", "Approve", "Deterministic.").then().statusCode(201)
                .body("state", equalTo("Approved"))
                .body("reviewedBy", equalTo(REVIEWER));
        assertError(review(REVIEWER, name, "1.0", "Reject", "Too late.").then(), 409, "Conflict");
        assertError(uploadJar(ADMIN, name, "1.0", jar).then(), 409, "Conflict");

        byte[] downloaded = BaasApi.call(VIEWER, "GET", versionPath(name, "1.0") + "/package", null).then().statusCode(200)
                .contentType("application/gzip").extract().asByteArray();
        assertThat(downloaded).isEqualTo(pkg);
        assertThat(BaasApi.call(VIEWER, "GET", versionPath(name, "1.0") + "/jar", null).then().statusCode(200)
                .extract().asByteArray()).isEqualTo(jar);
        BaasApi.call(VIEWER, "GET", "/workspaces/" + WORKSPACE + "/chaincodepackages/" + name, null).then().statusCode(200)
                .body("versions.version", equalTo(List.of("1.0")))
                .body("versions[0].state", equalTo("Approved"));
        // Other workspaces neither see it nor reach it under their own name.
        assertError(BaasApi.call(OTHER + "-admin", "GET", "/workspaces/" + OTHER + "/chaincodepackages/" + name, null).then(),
                404, "NotFound");
        assertError(BaasApi.call(OTHER + "-admin", "GET", versionPath(name, "1.0"), null).then(), 403, "Forbidden");
    }

    static java.util.stream.Stream<Arguments> oneJarPerCategory() {
        return java.util.stream.Stream.of(
                Arguments.of(WallClockContract.class, "WALL_CLOCK"),
                Arguments.of(RandomContract.class, "RANDOMNESS"),
                Arguments.of(ThreadContract.class, "THREADS"),
                Arguments.of(FileContract.class, "FILE_IO"),
                Arguments.of(NetworkContract.class, "NETWORK_IO"),
                Arguments.of(ReflectionContract.class, "REFLECTION"));
    }

    @ParameterizedTest
    @MethodSource("oneJarPerCategory")
    void theReportFlagsEachCategoryWithClassAndMethod(Class<?> contract, String category) {
        String name = unique("finding");
        byte[] jar = ContractJars.jar(contract);
        upload(ADMIN, name, "1.0", ContractJars.packageOf(name + "_1.0", "contract.jar", jar)).then().statusCode(201);
        Response scanned = uploadJar(ADMIN, name, "1.0", jar);
        scanned.then().statusCode(200).body("report.findings.category", org.hamcrest.Matchers.hasItem(category))
                .body("report.findings.className", org.hamcrest.Matchers.everyItem(equalTo(contract.getName())))
                .body("report.findings.method", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyString())))
                .body("report.findings.severity", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.oneOf("HIGH", "MEDIUM")));
        // Flagged is not refused: a reviewer decides, and a rejection says why.
        assertError(review(REVIEWER, name, "1.0", "Reject", null).then(), 400, "BadRequest");
        review(REVIEWER, name, "1.0", "Reject", "Reads " + category + ".").then().statusCode(201)
                .body("state", equalTo("Rejected")).body("reviewComment", equalTo("Reads " + category + "."));
    }

    @Test
    void indexesAndCollectionsAreReported() {
        String name = unique("indexed");
        String index = "{\"index\":{\"fields\":[\"owner\",{\"size\":\"desc\"}]},\"ddoc\":\"ownerDoc\",\"name\":\"byOwner\",\"type\":\"json\"}";
        String collections = "[{\"name\":\"prices\",\"policy\":\"OR('Org1MSP.member')\",\"requiredPeerCount\":0,\"maxPeerCount\":1,"
                + "\"blockToLive\":100,\"memberOnlyRead\":true}]";
        byte[] pkg = Archives.packageOf("{\"type\":\"ccaas\",\"label\":\"" + name + "_1.0\"}", new Archives()
                .file("connection.json", "{\"address\":\"chaincode-server:9999\"}")
                .file("META-INF/statedb/couchdb/indexes/byOwner.json", index)
                .file("META-INF/statedb/couchdb/collections/secrets/indexes/bySize.json", "{\"index\":{\"fields\":[\"size\"]}}")
                .file("collections_config.json", collections).tarGz());
        upload(ADMIN, name, "1.0", pkg).then().statusCode(201)
                .body("report.complete", equalTo(true))
                .body("report.couchDbIndexes.name", equalTo(List.of("byOwner", "bySize")))
                .body("report.couchDbIndexes[0].fields", equalTo(List.of("owner", "size desc")))
                .body("report.couchDbIndexes[1].collection", equalTo("secrets"))
                .body("report.collections[0].name", equalTo("prices"))
                .body("report.collections[0].blockToLive", equalTo(100))
                .body("report.notes[0]", org.hamcrest.Matchers.containsString("collection secrets"));

        String bad = "[{\"name\":\"prices\",\"policy\":\"OR('Org1MSP.member')\",\"requiredPeerCount\":3,\"maxPeerCount\":1}]";
        byte[] badCollections = ContractJars.packageWithoutJar(name + "_2.0",
                TarEntry.file("./collections_config.json", com.google.protobuf.ByteString.copyFromUtf8(bad)));
        assertError(upload(ADMIN, name, "2.0", badCollections).then(), 400, "InvalidCollections");
        byte[] badIndex = Archives.packageOf("{\"type\":\"ccaas\",\"label\":\"" + name + "_3.0\"}", new Archives()
                .file("connection.json", "{\"address\":\"chaincode-server:9999\"}")
                .file("META-INF/statedb/couchdb/indexes/broken.json", "{\"index\":{}}").tarGz());
        assertError(upload(ADMIN, name, "3.0", badIndex).then(), 400, "InvalidIndex");
        assertThat(versionCount(name)).isEqualTo(1);
    }

    static java.util.stream.Stream<Arguments> attacks() {
        byte[] zeros = new byte[9 << 20];
        return java.util.stream.Stream.of(
                Arguments.of("not gzip", "plain bytes, not a package".getBytes(StandardCharsets.US_ASCII), "NotGzip"),
                Arguments.of("not tar", Archives.gzip("gzip of text that is no tar".getBytes(StandardCharsets.US_ASCII)), "NotTar"),
                Arguments.of("path traversal", Archives.packageWithCode(a -> a.file("../../etc/cron.d/job", "* * * * * root sh")),
                        "PathTraversal"),
                Arguments.of("absolute path", Archives.packageWithCode(a -> a.file("/etc/passwd", "root::0:0")), "AbsolutePath"),
                Arguments.of("symbolic link", Archives.packageWithCode(a -> a.symlink("keys", "/var/run/secrets")), "Link"),
                Arguments.of("device file", Archives.packageWithCode(a -> a.device("tty")), "SpecialFile"),
                Arguments.of("compression bomb", Archives.packageWithCode(a -> a.file("zeros", zeros)), "Oversize"),
                Arguments.of("no metadata.json", new Archives().file("code.tar.gz",
                        new Archives().file("connection.json", "{\"address\":\"cc:9999\"}").tarGz()).tarGz(), "MissingMetadata"),
                Arguments.of("malformed metadata.json", Archives.packageOf("{\"type\":\"ccaas\",\"label\":", new Archives()
                        .file("connection.json", "{\"address\":\"cc:9999\"}").tarGz()), "InvalidMetadata"),
                Arguments.of("unknown type", Archives.packageOf("{\"type\":\"golang\",\"label\":\"attack_1.0\",\"path\":\"x\"}",
                        new Archives().file("main.go", "package main").tarGz()), "UnknownType"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void everyArchiveAttackIsRefusedWithItsOwnReasonAndNothingStored(String attack, byte[] archive, String reason) {
        String name = unique("attack");
        Response refused = upload(ADMIN, name, "1.0", archive);
        assertError(refused.then(), 400, reason);
        assertThat(versionCount(name)).as(attack).isZero();
        assertError(BaasApi.call(ADMIN, "GET", "/workspaces/" + WORKSPACE + "/chaincodepackages/" + name, null).then(), 404, "NotFound");
    }

    @Test
    void oversizedUploadsAreRefusedDeclaredOrStreamed() {
        String name = unique("big");
        byte[] big = new byte[Math.toIntExact(maxPackageBytes) + 1];
        assertError(upload(ADMIN, name, "1.0", big).then(), 413, "RequestEntityTooLarge");
        // Chunked, without a length: counted as it streams in.
        Response streamed = request(ADMIN).contentType("application/gzip").queryParam("version", "1.0").queryParam("language", "java")
                .body(new ByteArrayInputStream(big)).post(BaasApi.PREFIX + "/workspaces/" + WORKSPACE + "/chaincodepackages/" + name + "/versions");
        assertError(streamed.then(), 413, "RequestEntityTooLarge");
        assertThat(versionCount(name)).isZero();
        // The JSON routes keep their own, smaller limit.
        byte[] json = ("{\"version\":\"1.0\",\"decision\":\"Approve\",\"comment\":\"" + "x".repeat(2 << 20) + "\"}")
                .getBytes(StandardCharsets.US_ASCII);
        assertError(request(REVIEWER).contentType("application/json").body(json)
                .post(BaasApi.PREFIX + "/workspaces/" + WORKSPACE + "/chaincodepackages/" + name + "/reviews").then(), 413,
                "RequestEntityTooLarge");
    }

    @Test
    void uploadsAreCheckedForNamesVersionsAndDuplicates() {
        String name = unique("dup");
        byte[] pkg = ContractJars.packageWithoutJar(name + "_1.0");
        upload(ADMIN, name, "1.0", pkg).then().statusCode(201);
        assertError(upload(ADMIN, name, "1.0", pkg).then(), 409, "Conflict");
        assertError(upload(ADMIN, "bad--name", "1.0", pkg).then(), 400, "BadRequest");
        assertError(upload(ADMIN, name, "1.0 beta", pkg).then(), 400, "BadRequest");
        assertError(request(ADMIN).contentType("application/gzip").queryParam("version", "2.0").queryParam("language", "cobol")
                .body(pkg).post(BaasApi.PREFIX + "/workspaces/" + WORKSPACE + "/chaincodepackages/" + name + "/versions").then(),
                400, "BadRequest");
        assertError(upload(ADMIN, name, "2.0", new byte[0]).then(), 400, "EmptyBody");
        assertError(uploadJar(ADMIN, name, "1.0", ContractJars.jar(CleanContract.class)).then(), 400, "NoJarNamed");
        assertError(upload(VIEWER, name, "3.0", pkg).then(), 403, "Forbidden");
        assertThat(versionCount(name)).isEqualTo(1);
    }

    /** Two uploads of one version, and two reviewers deciding at once: one of each wins, the other is told. */
    @Test
    void racingUploadsAndReviewsHaveOneWinner() throws Exception {
        String name = unique("race");
        byte[] pkg = ContractJars.packageWithoutJar(name + "_1.0");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> uploads = List.of(
                    pool.submit(() -> { start.await(); return upload(ADMIN, name, "1.0", pkg).statusCode(); }),
                    pool.submit(() -> { start.await(); return upload(ADMIN, name, "1.0", pkg).statusCode(); }));
            start.countDown();
            List<Integer> uploaded = List.of(uploads.get(0).get(), uploads.get(1).get());
            assertThat(uploaded).containsExactlyInAnyOrder(201, 409);
            assertThat(versionCount(name)).isEqualTo(1);

            java.util.concurrent.CountDownLatch decide = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> reviews = List.of(
                    pool.submit(() -> { decide.await(); return review(REVIEWER, name, "1.0", "Approve", "Fine.").statusCode(); }),
                    pool.submit(() -> { decide.await(); return review(OTHER_REVIEWER, name, "1.0", "Reject", "Not fine.").statusCode(); }));
            decide.countDown();
            assertThat(List.of(reviews.get(0).get(), reviews.get(1).get())).containsExactlyInAnyOrder(201, 409);
        } finally {
            pool.shutdownNow();
        }
        String state = BaasApi.call(VIEWER, "GET", versionPath(name, "1.0"), null).then().statusCode(200).extract().path("state");
        assertThat(state).isIn("Approved", "Rejected");
    }

    @Test
    void onlyUnusedVersionsAreDeleted() {
        String name = unique("del");
        upload(ADMIN, name, "1.0", ContractJars.packageWithoutJar(name + "_1.0")).then().statusCode(201);
        upload(ADMIN, name, "2.0", ContractJars.packageWithoutJar(name + "_2.0")).then().statusCode(201);
        Chaincode deployed = new Chaincode();
        deployed.getMetadata().setName(name);
        deployed.getMetadata().setNamespace("default");
        deployed.setSpec(new Chaincode.Spec());
        deployed.getSpec().name = name;
        deployed.getSpec().channel = "ch";
        deployed.getSpec().version = "2.0";
        deployed.getSpec().sequence = 1L;
        deployed.getSpec().packageRef = new Chaincode.PackageRef();
        deployed.getSpec().packageRef.workspace = WORKSPACE;
        deployed.getSpec().packageRef.name = name;
        deployed.getSpec().packageRef.version = "2.0";
        client.resources(Chaincode.class).resource(deployed).create();
        try {
            assertError(BaasApi.call(VIEWER, "DELETE", versionPath(name, "1.0"), null).then(), 403, "Forbidden");
            BaasApi.call(ADMIN, "DELETE", versionPath(name, "1.0"), null).then().statusCode(204);
            assertError(BaasApi.call(ADMIN, "GET", versionPath(name, "1.0"), null).then(), 404, "NotFound");
            assertError(BaasApi.call(ADMIN, "DELETE", versionPath(name, "2.0"), null).then(), 409, "InUse");
            assertThat(versionCount(name)).isEqualTo(1);
        } finally {
            client.resources(Chaincode.class).resource(deployed).delete();
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String versionPath(String name, String version) {
        return "/workspaces/" + WORKSPACE + "/chaincodepackages/" + name + "/versions/" + version;
    }

    private static RequestSpecification request(String user) {
        return given().header("Authorization", TestTokens.bearer(user));
    }

    static Response upload(String user, String name, String version, byte[] pkg) {
        return RepositoryUploads.upload(user, WORKSPACE, name, version, pkg);
    }

    static Response uploadJar(String user, String name, String version, byte[] jar) {
        return RepositoryUploads.uploadJar(user, WORKSPACE, name, version, jar);
    }

    static Response review(String user, String name, String version, String decision, String comment) {
        return RepositoryUploads.review(user, WORKSPACE, name, version, decision, comment);
    }

    private int versionCount(String name) {
        return io.baas.store.Db.read(() -> PackageVersionEntity.count("name", name)).intValue();
    }
}
