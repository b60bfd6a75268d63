package io.baas.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baas.chaincode.ChaincodePackageSource;
import io.baas.chaincode.ServerAddressTest;
import io.baas.chaincode.StoredChaincodePackage;
import io.baas.crd.Chaincode;
import io.baas.crd.Channel;
import io.baas.crd.Consortium;
import io.baas.crd.Organization;
import io.baas.fabric.chaincode.ParsedPackage;
import io.baas.k8s.Applier;
import io.baas.k8s.build.ChaincodeServerBuilder;
import io.baas.pki.OrganizationCas;
import io.baas.pki.Pem;
import io.baas.support.TestPlatform;
import io.baas.support.TradeFinance;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Chaincode's per-organization servers against the mock server in CRUD mode. */
class ChaincodeReconcilerTest {

    private static final java.time.Duration RENEWAL_WINDOW = java.time.Duration.ofDays(30);

    private MockCluster cluster;
    private KubernetesClient client;
    private final Map<String, OrganizationCas> cas = new LinkedHashMap<>();
    private final Map<String, ParsedPackage> packages = new HashMap<>();
    private ChaincodeReconciler reconciler;

    @BeforeEach
    void start() {
        cluster = new MockCluster(Organization.class, Consortium.class, Channel.class, Chaincode.class);
        client = cluster.client;
        for (String name : List.of("bank-a", "bank-b", "port")) {
            cas.put(name, cluster.organization(name));
        }
        Consortium consortium = new Consortium();
        consortium.getMetadata().setName("trade");
        consortium.setSpec(new Consortium.Spec());
        consortium.getSpec().leader = new Consortium.Member("bank-a", "ws-bank-a");
        consortium.getSpec().members = List.of(consortium.getSpec().leader, new Consortium.Member("bank-b", "ws-bank-b"),
                new Consortium.Member("port", "ws-port"));
        Consortium stored = client.resources(Consortium.class).resource(consortium).create();
        stored.setStatus(new Consortium.Status());
        stored.getStatus().namespaces = Map.of("bank-a", "trade-bank-a", "bank-b", "trade-bank-b", "port", "trade-port");
        client.resources(Consortium.class).resource(stored).updateStatus();
        channel("bank-a", "bank-b");

        packages.put("notarization/1.0", ServerAddressTest.ccaas("notarization-1-0:9999", true));
        packages.put("per-peer/1.0", ServerAddressTest.ccaas("{{.peername}}-cc:9999", true));
        ChaincodePackageSource source = (name, version) -> Optional.ofNullable(packages.get(name + "/" + version))
                .map(parsed -> new StoredChaincodePackage(parsed, Optional.empty()));
        reconciler = new ChaincodeReconciler(client, new Applier(client), TestPlatform.SETTINGS, Clock.systemUTC(), source, RENEWAL_WINDOW);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private void channel(String... organizations) {
        client.resources(Channel.class).resource(TradeFinance.channel(organizations)).createOr(existing -> existing.update());
    }

    private void chaincode(String name, String packageName) {
        client.resources(Chaincode.class).resource(TradeFinance.chaincode(name, packageName)).create();
    }

    private Chaincode stored(String name) {
        return client.resources(Chaincode.class).inNamespace("trade-bank-a").withName(name).get();
    }

    private static String env(Deployment deployment, String name) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst().orElse(null);
    }

    @Test
    void eachOrganizationOfTheChannelGetsItsOwnServerUnderTheNameItsPeersDial() throws Exception {
        chaincode("notarization", "notarization");
        ReconcileResult first = reconciler.reconcile("trade-bank-a", "notarization");
        assertThat(first.outcomes()).containsEntry(Applier.Outcome.CREATED, 6);
        String packageId = packages.get("notarization/1.0").chaincodePackage().packageId();

        for (String organization : List.of("bank-a", "bank-b")) {
            String ns = "trade-" + organization;
            Deployment deployment = client.apps().deployments().inNamespace(ns).withName("notarization-1-0").get();
            assertThat(env(deployment, "CORE_CHAINCODE_ID_NAME")).isEqualTo(packageId);
            assertThat(env(deployment, "CHAINCODE_SERVER_ADDRESS")).isEqualTo("0.0.0.0:9999");
            assertThat(env(deployment, "CHAINCODE_TLS_DISABLED")).isEqualTo("false");
            assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes()).singleElement()
                    .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("notarization-1-0-tls"));
            assertThat(client.services().inNamespace(ns).withName("notarization-1-0").get().getSpec().getPorts())
                    .singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(9999));

            // The server's certificate carries the names its peers dial and chains to its own organization's TLS CA only.
            Secret tls = client.secrets().inNamespace(ns).withName("notarization-1-0-tls").get();
            X509Certificate certificate = Pem.certificate(tls.getStringData().get("tls.crt"));
            assertThat(certificate.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList())
                    .contains("notarization-1-0", "notarization-1-0." + ns, "notarization-1-0." + ns + ".svc.cluster.local");
            assertThat(validates(certificate, cas.get(organization).tlsCa().certificate())).isTrue();
            String other = organization.equals("bank-a") ? "bank-b" : "bank-a";
            assertThat(validates(certificate, cas.get(other).tlsCa().certificate())).isFalse();
        }
        assertThat(client.apps().deployments().inNamespace("trade-bank-b").withName("notarization-1-0").get().getSpec().getReplicas())
                .isEqualTo(2);
        assertThat(client.apps().deployments().inNamespace("trade-port").list().getItems()).as("port is not on the channel").isEmpty();

        Chaincode chaincode = stored("notarization");
        assertThat(chaincode.getStatus().packageId).isEqualTo(packageId);
        assertThat(chaincode.getStatus().phase).isEqualTo(Chaincode.Status.Phase.DEPLOYING);
        assertThat(chaincode.getMetadata().getFinalizers()).containsExactly(Finalizers.CHAINCODE);
        assertThat(reconciler.reconcile("trade-bank-a", "notarization").writes()).isZero();
    }

    /** Without the lifecycle there is no sequence to wait for: the replaced package's servers go in the same pass. */
    @Test
    void anUpgradeToAnotherPackageRunsNewServersAndRemovesTheReplacedOnes() {
        chaincode("notarization", "notarization");
        reconciler.reconcile("trade-bank-a", "notarization");
        String first = stored("notarization").getStatus().packageId;
        packages.put("notarization/2.0", ServerAddressTest.ccaas("notarization-2-0:9999", true));
        Chaincode upgraded = stored("notarization");
        upgraded.getSpec().packageRef.version = "2.0";
        upgraded.getSpec().sequence = 2L;
        client.resources(Chaincode.class).resource(upgraded).update();

        reconciler.reconcile("trade-bank-a", "notarization");

        Chaincode.Status status = stored("notarization").getStatus();
        assertThat(status.packageId).isNotEqualTo(first).isEqualTo(packages.get("notarization/2.0").chaincodePackage().packageId());
        assertThat(status.replacedPackageId).as("its servers are gone").isNull();
        for (String ns : List.of("trade-bank-a", "trade-bank-b")) {
            assertThat(client.apps().deployments().inNamespace(ns).withName("notarization-2-0").get()).isNotNull();
            assertThat(client.apps().deployments().inNamespace(ns).withName("notarization-1-0").get()).isNull();
            assertThat(client.services().inNamespace(ns).withName("notarization-1-0").get()).isNull();
        }
    }

    @Test
    void anOrganizationThatLeavesTheChannelLosesItsServer() {
        chaincode("notarization", "notarization");
        reconciler.reconcile("trade-bank-a", "notarization");
        channel("bank-a");
        ReconcileResult result = reconciler.reconcile("trade-bank-a", "notarization");
        assertThat(result.outcomes()).containsEntry(Applier.Outcome.DELETED, 3);
        assertThat(client.apps().deployments().inNamespace("trade-bank-b").list().getItems()).isEmpty();
        assertThat(client.secrets().inNamespace("trade-bank-b").list().getItems()).isEmpty();
        assertThat(client.apps().deployments().inNamespace("trade-bank-a").list().getItems()).hasSize(1);
    }

    @Test
    void deletingTheChaincodeRemovesItsServersUnlessAnotherChaincodeRunsTheSamePackage() {
        chaincode("notarization", "notarization");
        chaincode("evidence", "notarization");
        reconciler.reconcile("trade-bank-a", "notarization");
        reconciler.reconcile("trade-bank-a", "evidence");

        client.resources(Chaincode.class).inNamespace("trade-bank-a").withName("evidence").delete();
        assertThat(reconciler.reconcile("trade-bank-a", "evidence").deleted()).isTrue();
        assertThat(stored("evidence")).isNull();
        assertThat(client.apps().deployments().inAnyNamespace().list().getItems()).as("still used by notarization").hasSize(2);

        client.resources(Chaincode.class).inNamespace("trade-bank-a").withName("notarization").delete();
        reconciler.reconcile("trade-bank-a", "notarization");
        assertThat(stored("notarization")).isNull();
        assertThat(client.apps().deployments().inAnyNamespace().list().getItems()).isEmpty();
        assertThat(client.services().inAnyNamespace().list().getItems()).isEmpty();
        assertThat(client.secrets().inAnyNamespace().list().getItems()).extracting(s -> s.getMetadata().getName())
                .allMatch(name -> name.startsWith("baas-ca-"), "only the organizations' CA Secrets remain");
    }

    @Test
    void aSecretOrServiceUnderTheServersNamesThatIsNotItsOwnIsLeftAloneAndTheChaincodeIsDegraded() {
        // Someone else's objects under the names bank-b's server would get.
        client.secrets().inNamespace("trade-bank-b").resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata().withName("notarization-1-0-tls").withNamespace("trade-bank-b")
                .addToLabels("app", "theirs").endMetadata().addToStringData("tls.crt", "theirs").build()).create();
        chaincode("notarization", "notarization");
        assertThatThrownBy(() -> reconciler.reconcile("trade-bank-a", "notarization")).isInstanceOf(ReconcileException.class)
                .hasMessageContaining("trade-bank-b/notarization-1-0-tls");
        assertThat(stored("notarization").getStatus().conditions).filteredOn(c -> c.type.equals("Degraded"))
                .extracting(c -> c.reason).containsExactly("NameTaken");
        Secret theirs = client.secrets().inNamespace("trade-bank-b").withName("notarization-1-0-tls").get();
        assertThat(theirs.getMetadata().getLabels()).containsExactly(Map.entry("app", "theirs"));
        assertThat(client.apps().deployments().inNamespace("trade-bank-b").withName("notarization-1-0").get()).isNull();

        // Once the foreign Secret is gone, a foreign Service under the server's name still stops it.
        client.secrets().inNamespace("trade-bank-b").withName("notarization-1-0-tls").delete();
        client.services().inNamespace("trade-bank-b").resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withName("notarization-1-0").withNamespace("trade-bank-b").addToLabels("app", "theirs").endMetadata()
                .withNewSpec().addNewPort().withPort(80).endPort().endSpec().build()).create();
        assertThatThrownBy(() -> reconciler.reconcile("trade-bank-a", "notarization")).hasMessageContaining("trade-bank-b/notarization-1-0");
        assertThat(client.services().inNamespace("trade-bank-b").withName("notarization-1-0").get().getMetadata().getLabels())
                .containsExactly(Map.entry("app", "theirs"));
    }

    @Test
    void aMissingPackageOrChannelAndAPerPeerAddressAreDegradedWithTheirReason() {
        chaincode("ghost", "no-such-package");
        assertThatThrownBy(() -> reconciler.reconcile("trade-bank-a", "ghost")).isInstanceOf(ReconcileException.class);
        assertThat(stored("ghost").getStatus().conditions).filteredOn(c -> c.type.equals("Degraded")).singleElement()
                .satisfies(c -> {
                    assertThat(c.reason).isEqualTo("PackageMissing");
                    assertThat(c.message).contains("no-such-package 1.0");
                });

        chaincode("per-peer", "per-peer");
        assertThatThrownBy(() -> reconciler.reconcile("trade-bank-a", "per-peer")).hasMessageContaining("depends on the peer");
        assertThat(stored("per-peer").getStatus().conditions).filteredOn(c -> c.type.equals("Degraded"))
                .extracting(c -> c.reason).containsExactly("PackageNotRunnable");
        assertThat(client.apps().deployments().inAnyNamespace().list().getItems()).isEmpty();

        client.resources(Channel.class).inNamespace("trade-bank-a").withName("trade-finance").delete();
        chaincode("orphan", "notarization");
        assertThatThrownBy(() -> reconciler.reconcile("trade-bank-a", "orphan")).hasMessageContaining("Channel trade-finance does not exist");
    }

    @Test
    void aCollectionFabricWouldRefuseMakesTheChaincodeDegradedBeforeAnyServerRuns() {
        chaincode("notarization", "notarization");
        client.resources(Chaincode.class).inNamespace("trade-bank-a").withName("notarization").edit(c -> {
            Chaincode.PrivateDataCollection collection = new Chaincode.PrivateDataCollection();
            collection.name = "c1";
            collection.policy = "OR('BANKAMSP.member')";
            collection.requiredPeerCount = 2;
            collection.maxPeerCount = 1;
            c.getSpec().collections = List.of(collection);
            return c;
        });
        assertThatThrownBy(() -> reconciler.reconcile("trade-bank-a", "notarization"))
                .hasMessageContaining("collections[0] (c1): requiredPeerCount (2) exceeds maxPeerCount (1)");
        assertThat(stored("notarization").getStatus().conditions).filteredOn(c -> c.type.equals("Degraded"))
                .extracting(c -> c.reason).containsExactly("InvalidCollections");
        assertThat(client.apps().deployments().inAnyNamespace().list().getItems()).isEmpty();
    }

    @Test
    void aBuiltInChaincodeRunsAsTheServiceItsShippedPackageDials() {
        ChaincodeReconciler builtIn = new ChaincodeReconciler(client, new Applier(client), TestPlatform.SETTINGS, Clock.systemUTC(),
                new io.baas.chaincode.BuiltInPackageSource(), RENEWAL_WINDOW);
        chaincode("notarization", "notarization");
        builtIn.reconcile("trade-bank-a", "notarization");
        String packageId = io.baas.fabric.chaincode.BuiltInChaincodes.find("notarization").orElseThrow().packageId();
        for (String ns : List.of("trade-bank-a", "trade-bank-b")) {
            Deployment deployment = client.apps().deployments().inNamespace(ns).withName("notarization").get();
            assertThat(env(deployment, "CORE_CHAINCODE_ID_NAME")).isEqualTo(packageId);
            assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .isEqualTo(TestPlatform.SETTINGS.chaincodeImage());
            assertThat(client.services().inNamespace(ns).withName("notarization").get().getSpec().getPorts().get(0).getPort())
                    .isEqualTo(io.baas.fabric.chaincode.BuiltInChaincodes.SERVER_PORT);
        }
        assertThat(stored("notarization").getStatus().packageId).isEqualTo(packageId);
    }

    @Test
    void aServerCertificateNearItsEndIsIssuedAnewAndRollsTheServerPods() {
        chaincode("notarization", "notarization");
        reconciler.reconcile("trade-bank-a", "notarization");
        X509Certificate first = serverCertificate("trade-bank-b");
        String firstSerial = podTemplateSerial("trade-bank-b");
        assertThat(firstSerial).isEqualTo(first.getSerialNumber().toString(16));
        assertThat(reconciler.reconcile("trade-bank-a", "notarization").writes()).as("nothing due yet").isZero();

        // A day inside the renewal window of the first certificate.
        Clock due = Clock.offset(Clock.systemUTC(), java.time.Duration.between(java.time.Instant.now(),
                first.getNotAfter().toInstant().minus(RENEWAL_WINDOW).plus(java.time.Duration.ofDays(1))));
        ChaincodeReconciler later = new ChaincodeReconciler(client, new Applier(client), TestPlatform.SETTINGS, due,
                (name, version) -> Optional.ofNullable(packages.get(name + "/" + version)).map(p -> new StoredChaincodePackage(p, Optional.empty())),
                RENEWAL_WINDOW);
        assertThat(later.reconcile("trade-bank-a", "notarization").outcomes()).containsEntry(Applier.Outcome.PATCHED, 4);

        X509Certificate renewed = serverCertificate("trade-bank-b");
        assertThat(renewed.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
        assertThat(renewed.getNotAfter()).isAfter(first.getNotAfter());
        X509Certificate tlsCa = cas.get("bank-b").tlsCa().certificate();
        assertThat(renewed.getIssuerX500Principal()).isEqualTo(tlsCa.getSubjectX500Principal());
        assertThatCode(() -> renewed.verify(tlsCa.getPublicKey())).as("signed by bank-b's TLS CA").doesNotThrowAnyException();
        assertThat(podTemplateSerial("trade-bank-b")).isEqualTo(renewed.getSerialNumber().toString(16));
        assertThat(later.reconcile("trade-bank-a", "notarization").writes()).as("renewed once").isZero();
    }

    private X509Certificate serverCertificate(String namespace) {
        Secret tls = client.secrets().inNamespace(namespace).withName("notarization-1-0-tls").get();
        String pem = tls.getData() != null && tls.getData().containsKey("tls.crt")
                ? new String(java.util.Base64.getDecoder().decode(tls.getData().get("tls.crt")))
                : tls.getStringData().get("tls.crt");
        return Pem.certificate(pem);
    }

    private String podTemplateSerial(String namespace) {
        return client.apps().deployments().inNamespace(namespace).withName("notarization-1-0").get()
                .getSpec().getTemplate().getMetadata().getAnnotations().get(ChaincodeServerBuilder.TLS_SERIAL_ANNOTATION);
    }

    private static boolean validates(X509Certificate certificate, X509Certificate anchor) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        parameters.setRevocationEnabled(false);
        try {
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), parameters);
            return true;
        } catch (java.security.cert.CertPathValidatorException e) {
            return false;
        }
    }
}
