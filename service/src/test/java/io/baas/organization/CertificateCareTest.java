package io.baas.organization;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.pki.Identity;
import io.baas.pki.k8s.IdentitySecret;
import io.baas.store.DatabaseMigrator;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.TestTokens;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Renewal with a clock the test controls (no sleeping), and the expiry gauge. */
@QuarkusTest
class CertificateCareTest {

    static final String BASE = "/kapis/baas.io/v1/workspaces/ws-care/organizations";

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Inject
    DatabaseMigrator migrator;

    @Inject
    CertificateCare care;

    @BeforeEach
    void organization() {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        fixtures.workspace("ws-care");
        KubeSphereFixtures.await(migrator::migrated);
        if (client.secrets().inNamespace("kubesphere-system").withName("care-org-ca").get() == null) {
            given().header("Authorization", TestTokens.bearer("admin")).contentType("application/json")
                    .body(Map.of("name", "care-org", "mspId", "CareMSP")).when().post(BASE).then().statusCode(201);
            for (String name : new String[] {"keeper", "gone"}) {
                given().header("Authorization", TestTokens.bearer("admin")).contentType("application/json")
                        .body(Map.of("name", name, "role", "client")).when().post(BASE + "/care-org/identities").then().statusCode(201);
            }
            given().header("Authorization", TestTokens.bearer("admin")).contentType("application/json")
                    .body(Map.of("identity", "gone", "reason", "CESSATION_OF_OPERATION"))
                    .when().post(BASE + "/care-org/revocations").then().statusCode(200);
        }
    }

    private Identity held(String name) {
        return IdentitySecret.read(client.secrets().inNamespace("kubesphere-system")
                .withName(IdentitySecret.name("care-org", name)).get());
    }

    @Test
    void dueCertificatesAreRenewedWithTheSameKeysAndRevokedOnesAreNot() {
        Identity before = held("keeper");
        Identity revokedBefore = held("gone");
        assertThat(care.renewDue(Clock.systemUTC())).as("nothing is due today").isZero();

        Clock nearExpiry = Clock.offset(Clock.systemUTC(), Duration.ofDays(350));
        assertThat(care.renewDue(nearExpiry)).isGreaterThanOrEqualTo(1);

        Identity after = held("keeper");
        assertThat(after.signing().certificate().getPublicKey()).isEqualTo(before.signing().certificate().getPublicKey());
        assertThat(after.tls().certificate().getPublicKey()).isEqualTo(before.tls().certificate().getPublicKey());
        assertThat(after.signing().certificate().getNotAfter()).isAfter(before.signing().certificate().getNotAfter());
        assertThat(after.signing().certificate().getSubjectX500Principal())
                .isEqualTo(before.signing().certificate().getSubjectX500Principal());
        assertThat(held("gone").signing().certificate()).isEqualTo(revokedBefore.signing().certificate());
    }

    @Test
    void everyHeldCertificateHasAnExpiryGauge() {
        care.refreshGauge();
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("baas_certificate_expiry_seconds{"))
                .body(containsString("owner=\"keeper\""))
                .body(containsString("purpose=\"signing-ca\""));
    }
}
