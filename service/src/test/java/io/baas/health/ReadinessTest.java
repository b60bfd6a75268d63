package io.baas.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.store.DatabaseMigrator;
import io.baas.support.KubeSphereFixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReadinessTest {

    @Inject
    DatabaseMigrator migrator;

    @Inject
    KubeSphereIam iam;

    @Test
    void readyOnceMigratedWithTheKubernetesApiAnsweringAndIamCached() {
        KubeSphereFixtures.await(() -> migrator.migrated() && iam.synced());
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("database-migrated", "kubernetes-api", "kubesphere-iam"));
    }
}
