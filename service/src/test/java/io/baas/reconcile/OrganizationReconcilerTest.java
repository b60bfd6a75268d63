package io.baas.reconcile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.baas.crd.Condition;
import io.baas.crd.Consortium;
import io.baas.crd.Organization;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.organization.OrganizationService;
import io.baas.pki.MspOrganization;
import io.baas.pki.OrganizationCas;
import io.baas.pki.Pem;
import io.baas.pki.ValidityPolicy;
import io.baas.pki.k8s.OrganizationCaSecret;
import io.baas.store.DatabaseMigrator;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.TestTokens;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The running service reconciles organizations, whether the API or kubectl made them. */
@QuarkusTest
class OrganizationReconcilerTest {

    private static final String NS = "kubesphere-system";

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Inject
    DatabaseMigrator migrator;

    @Test
    void anOrganizationAppliedWithKubectlGetsBuiltInCasAndLosesThemWhenDeleted() {
        client.resources(Organization.class).resource(organization("kube-org", "KubeOrgMSP")).create();

        Organization ready = awaitCondition("kube-org", "CasReady");
        assertThat(ready.getStatus().phase).isEqualTo(Organization.Status.Phase.READY);
        assertThat(ready.getMetadata().getFinalizers()).contains(OrganizationService.FINALIZER);
        Secret secret = client.secrets().inNamespace(NS).withName(OrganizationCaSecret.name("kube-org")).get();
        OrganizationCas cas = OrganizationCaSecret.read(secret, new MspOrganization("KubeOrgMSP", "kube-org.example"),
                Clock.systemUTC(), ValidityPolicy.DEFAULT);
        assertThat(Pem.certificates(ready.getStatus().caCertificate)).containsExactly(cas.signingCa().certificate());
        assertThat(Pem.certificates(ready.getStatus().tlsCaCertificate)).containsExactly(cas.tlsCa().certificate());
        assertThat(condition(ready, Condition.READY).observedGeneration).isEqualTo(ready.getMetadata().getGeneration());

        client.resources(Organization.class).withName("kube-org").delete();
        KubeSphereFixtures.await(() -> client.resources(Organization.class).withName("kube-org").get() == null);
        assertThat(client.secrets().inNamespace(NS).withName(OrganizationCaSecret.name("kube-org")).get()).isNull();
    }

    @Test
    void aSecondOrganizationWithATakenMspIdGetsNoCas() {
        client.resources(Organization.class).resource(organization("msp-first", "TakenMSP")).create();
        awaitCondition("msp-first", "CasReady");
        client.resources(Organization.class).resource(organization("msp-second", "TakenMSP")).create();

        Organization second = awaitCondition("msp-second", "MspIdTaken");
        assertThat(second.getStatus().phase).isEqualTo(Organization.Status.Phase.DEGRADED);
        assertThat(condition(second, Condition.DEGRADED).status).isEqualTo("True");
        assertThat(condition(second, Condition.READY).message).contains("msp-first");
        assertThat(client.secrets().inNamespace(NS).withName(OrganizationCaSecret.name("msp-second")).get()).isNull();
        assertThat(second.getStatus().caCertificate).isNull();
    }

    @Test
    void anExternalCaOrganizationAppliedWithKubectlIsToldToUseTheApi() {
        Organization external = organization("kube-external", "KubeExternalMSP");
        external.getSpec().caMode = Organization.CaMode.EXTERNAL;
        client.resources(Organization.class).resource(external).create();

        Organization degraded = awaitCondition("kube-external", "ExternalCaNotEnrolled");
        assertThat(condition(degraded, Condition.READY).message).contains("/kapis/baas.io/v1/workspaces/ws-kube/organizations");
        assertThat(client.secrets().inNamespace(NS).withName(OrganizationCaSecret.name("kube-external")).get()).isNull();
    }

    @Test
    void aDeletedMemberOfAConsortiumStaysUntilTheConsortiumLetsItGo() {
        client.resources(Organization.class).resource(organization("kept-org", "KeptOrgMSP")).create();
        awaitCondition("kept-org", "CasReady");
        Consortium consortium = new Consortium();
        consortium.getMetadata().setName("keeps-kept-org");
        consortium.setSpec(new Consortium.Spec());
        consortium.getSpec().leader = new Consortium.Member("kept-org", "ws-kube");
        consortium.getSpec().members.add(consortium.getSpec().leader);
        client.resources(Consortium.class).resource(consortium).create();

        client.resources(Organization.class).withName("kept-org").delete();
        Organization deleting = awaitCondition("kept-org", "InUse");
        assertThat(deleting.getStatus().phase).isEqualTo(Organization.Status.Phase.DELETING);
        assertThat(condition(deleting, Condition.READY).message).contains("keeps-kept-org");
        assertThat(client.secrets().inNamespace(NS).withName(OrganizationCaSecret.name("kept-org")).get()).isNotNull();

        client.resources(Consortium.class).withName("keeps-kept-org").delete();
        KubeSphereFixtures.await(() -> client.resources(Organization.class).withName("kept-org").get() == null);
        assertThat(client.secrets().inNamespace(NS).withName(OrganizationCaSecret.name("kept-org")).get()).isNull();
    }

    /** The API's create and the reconciler's first pass write the same organization at once: neither fails. */
    @Test
    void anOrganizationMadeByTheApiIsReconciledWithoutNewCas() {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        fixtures.workspace("ws-recon");
        fixtures.user("recon-admin");
        fixtures.workspaceRoleBinding("recon-admin", "ws-recon", "admin");
        KubeSphereFixtures.await(migrator::migrated);
        String base = "/kapis/baas.io/v1/workspaces/ws-recon/organizations";
        for (int i = 0; i < 5; i++) {
            given().header("Authorization", TestTokens.bearer("recon-admin")).contentType("application/json")
                    .body(Map.of("name", "api-org-" + i, "mspId", "ApiOrg" + i + "MSP")).when().post(base)
                    .then().statusCode(201);
        }
        for (int i = 0; i < 5; i++) {
            String name = "api-org-" + i;
            String secretVersion = client.secrets().inNamespace(NS).withName(OrganizationCaSecret.name(name)).get()
                    .getMetadata().getResourceVersion();
            Organization reconciled = awaitCondition(name, "CasReady");
            assertThat(reconciled.getMetadata().getFinalizers()).contains(OrganizationService.FINALIZER);
            assertThat(client.secrets().inNamespace(NS).withName(OrganizationCaSecret.name(name)).get().getMetadata()
                    .getResourceVersion()).as("the API's CAs are kept").isEqualTo(secretVersion);

            given().header("Authorization", TestTokens.bearer("recon-admin")).when().delete(base + "/" + name).then().log().ifValidationFails().statusCode(204);
            KubeSphereFixtures.await(() -> client.resources(Organization.class).withName(name).get() == null);
            assertThat(client.secrets().inNamespace(NS).withName(OrganizationCaSecret.name(name)).get()).isNull();
        }
    }

    private static Organization organization(String name, String mspId) {
        Organization organization = new Organization();
        organization.getMetadata().setName(name);
        organization.setSpec(new Organization.Spec());
        organization.getSpec().workspace = "ws-kube";
        organization.getSpec().mspId = mspId;
        organization.getSpec().domain = name + ".example";
        return organization;
    }

    private Organization awaitCondition(String name, String reason) {
        KubeSphereFixtures.await(() -> {
            Organization current = client.resources(Organization.class).withName(name).get();
            return current != null && current.getStatus() != null && current.getStatus().conditions != null
                    && current.getStatus().conditions.stream().anyMatch(c -> Condition.READY.equals(c.type) && reason.equals(c.reason));
        });
        return client.resources(Organization.class).withName(name).get();
    }

    private static Condition condition(Organization organization, String type) {
        Optional<Condition> found = organization.getStatus().conditions.stream().filter(c -> type.equals(c.type)).findFirst();
        return found.orElseThrow(() -> new AssertionError("no " + type + " condition"));
    }
}
