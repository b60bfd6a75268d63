package io.baas.organization;

import io.baas.crd.Organization;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.pki.ChainVerifier;
import io.baas.pki.Identity;
import io.baas.pki.OrganizationCas;
import io.baas.pki.Pem;
import io.baas.pki.ValidityPolicy;
import io.baas.pki.k8s.IdentitySecret;
import io.baas.pki.k8s.OrganizationCaSecret;
import io.baas.store.DatabaseMigrator;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.ReconciledOrganizations;
import io.baas.support.TestTokens;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

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
        if (client.secrets().inNamespace("kubesphere-system").withName(OrganizationCaSecret.name("care-org")).get() == null) {
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
    void caCertificatesAreRenewedWithTheSameKeysIntoTheSecretAndTheStatus() throws Exception {
        given().header("Authorization", TestTokens.bearer("admin")).contentType("application/json")
                .body(Map.of("name", "care-ca-org", "mspId", "CareCaMSP")).when().post(BASE).then().statusCode(201);
        given().header("Authorization", TestTokens.bearer("admin")).contentType("application/json")
                .body(Map.of("name", "early", "role", "client")).when().post(BASE + "/care-ca-org/identities").then().statusCode(201);
        Organization organization = client.resources(Organization.class).withName("care-ca-org").get();
        OrganizationCas before = cas(organization);
        Identity early = IdentitySecret.read(client.secrets().inNamespace("kubesphere-system")
                .withName(IdentitySecret.name("care-ca-org", "early")).get());

        // 3650 days of CA validity, a 400-day window: 300 days before expiry the CAs are due.
        Clock dueTime = Clock.offset(Clock.systemUTC(), Duration.ofDays(3650 - 300));
        // One organization only: the far-future clock would renew every other test's certificates too.
        assertThat(care.renewDue("care-ca-org", dueTime)).isEqualTo(3);

        OrganizationCas after = cas(organization);
        X509Certificate signing = after.signingCa().certificate();
        X509Certificate tls = after.tlsCa().certificate();
        assertThat(signing).isNotEqualTo(before.signingCa().certificate());
        assertThat(signing.getPublicKey()).isEqualTo(before.signingCa().certificate().getPublicKey());
        assertThat(tls.getPublicKey()).isEqualTo(before.tlsCa().certificate().getPublicKey());
        assertThat(signing.getNotAfter()).isAfter(before.signingCa().certificate().getNotAfter());
        assertThat(tls.getNotAfter()).isAfter(before.tlsCa().certificate().getNotAfter());

        // The reconciler publishes them, woken by the annotation CertificateCare sets.
        Organization published = ReconciledOrganizations.once(client, "care-ca-org", o -> o.getStatus() != null
                && o.getStatus().caCertificate != null && Pem.certificates(o.getStatus().caCertificate).contains(signing));
        assertThat(published.getMetadata().getAnnotations()).containsKey(OrganizationService.CAS_RENEWED_ANNOTATION);
        Organization.Status status = published.getStatus();
        assertThat(Pem.certificates(status.caCertificate)).containsExactly(signing);
        assertThat(Pem.certificates(status.tlsCaCertificate)).containsExactly(tls);
        assertThat(status.caNotAfter).isEqualTo(signing.getNotAfter().toInstant().toString());

        // The identity issued under the old certificate validates under the renewed one, and so does its renewal.
        new ChainVerifier(Clock.systemUTC()).verify(List.of(early.signing().certificate()), List.of(signing));
        Identity renewed = IdentitySecret.read(client.secrets().inNamespace("kubesphere-system")
                .withName(IdentitySecret.name("care-ca-org", "early")).get());
        new ChainVerifier(dueTime).verify(List.of(renewed.signing().certificate()), List.of(signing));
        new ChainVerifier(dueTime).verify(List.of(renewed.tls().certificate()), List.of(tls));
        assertThat(renewed.signing().certificate().getNotAfter().toInstant())
                .as("a full year, not cut at the old CA's expiry").isAfter(before.signingCa().certificate().getNotAfter().toInstant());

        assertThat(care.renewDue("care-ca-org", dueTime)).as("renewed once, not again").isZero();
        assertThat(care.expiries(Clock.systemUTC())).anyMatch(e -> e.purpose().equals("signing-ca")
                && e.serial().equals(signing.getSerialNumber().toString(16)));
    }

    private OrganizationCas cas(Organization organization) {
        return OrganizationCaSecret.read(client.secrets().inNamespace("kubesphere-system").withName(OrganizationCaSecret.name("care-ca-org")).get(),
                OrganizationCustody.msp(organization), Clock.systemUTC(), ValidityPolicy.DEFAULT);
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
