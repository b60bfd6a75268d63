package io.baas.k8s.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.crd.PeerNode;
import io.baas.crd.StateDatabase;
import io.baas.crd.Storage;
import io.baas.pki.AlternativeNames;
import io.baas.pki.Identity;
import io.baas.pki.IdentityIssuer;
import io.baas.pki.IdentityRequest;
import io.baas.pki.IdentityRole;
import io.baas.pki.MspOrganization;
import io.baas.pki.OrganizationCaFactory;
import io.baas.pki.OrganizationCas;
import io.baas.pki.ServiceAddress;
import io.baas.pki.ValidityPolicy;
import io.baas.pki.k8s.NodeMaterial;
import io.baas.pki.k8s.NodeMaterialBuilder;
import io.baas.pki.msp.MspLayout;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import io.baas.support.PodSecurityRestricted;
import io.fabric8.kubernetes.api.model.PodSpec;
import org.junit.jupiter.api.Test;

/** The peer's Kubernetes objects, field by field. */
class PeerNodeBuilderTest {

    static final String TLS_CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    static final String NAMESPACE = "trade-bank-a";
    static final PlatformSettings PLATFORM = ConsortiumNamespacesTest.PLATFORM;

    private final OrganizationCas cas = new OrganizationCaFactory(Clock.systemUTC(), ValidityPolicy.DEFAULT)
            .createRoots(new MspOrganization("BankAMSP", "bank-a.example"));

    private NodeMaterial material(String peer) {
        Identity identity = new IdentityIssuer(cas).issue(
                IdentityRequest.node(IdentityRole.PEER, peer, List.of(ServiceAddress.of(peer, NAMESPACE)), List.of()));
        return NodeMaterialBuilder.build(NAMESPACE, "bank-a", peer, MspLayout.identityMaterial(cas, identity));
    }

    private static PeerNode peer(String name) {
        PeerNode peer = new PeerNode();
        peer.getMetadata().setName(name);
        peer.getMetadata().setNamespace(NAMESPACE);
        peer.getMetadata().setUid("uid-" + name);
        peer.setSpec(new PeerNode.Spec());
        peer.getSpec().organization = "bank-a";
        return peer;
    }

    private static Map<String, EnvVar> env(Container container) {
        return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
    }

    private static String value(Container container, String name) {
        return env(container).get(name).getValue();
    }

    @Test
    void gossipAndAddressesAnnounceANameThePeersTlsCertificateCarries() {
        NodeMaterial material = material("peer0");
        PeerNodeBuilder.Objects objects = PeerNodeBuilder.build(peer("peer0"),
                new PeerNodeBuilder.Inputs("BankAMSP", material, List.of("peer1"), false, TLS_CA), PLATFORM);
        Container container = objects.statefulSet().getSpec().getTemplate().getSpec().getContainers().get(0);

        String external = value(container, "CORE_PEER_GOSSIP_EXTERNALENDPOINT");
        assertThat(external).isEqualTo("peer0.trade-bank-a.svc.cluster.local:7051");
        assertThat(value(container, "CORE_PEER_ADDRESS")).isEqualTo(external);
        String tlsCertificate = new String(java.util.Base64.getDecoder().decode(material.secret().getData().get("tls.server.crt")));
        assertThat(AlternativeNames.of(io.baas.pki.Pem.certificate(tlsCertificate)).dnsNames())
                .contains(external.substring(0, external.lastIndexOf(':')));
        assertThat(value(container, "CORE_PEER_GOSSIP_BOOTSTRAP")).isEqualTo("peer1.trade-bank-a.svc.cluster.local:7051");
        assertThat(value(container, "CORE_PEER_LOCALMSPID")).isEqualTo("BankAMSP");
        assertThat(value(container, "CORE_PEER_GATEWAY_ENABLED")).isEqualTo("true");
        assertThat(value(container, "CORE_PEER_TLS_ENABLED")).isEqualTo("true");
        assertThat(value(container, "CORE_LEDGER_STATE_STATEDATABASE")).isEqualTo("goleveldb");
        // The organization's TLS CA as the PEM itself: the builder fills connection.json's decoded fields.
        assertThat(value(container, "CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG")).isEqualTo(
                "{\"peername\":\"peer0\",\"namespace\":\"trade-bank-a\",\"organization\":\"bank-a\",\"mspid\":\"BankAMSP\","
                + "\"clusterdomain\":\"cluster.local\",\"tlsrootcert\":\"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n\"}");
        assertThat(container.getImage()).isEqualTo("hyperledger/fabric-peer:2.5.5");
    }

    @Test
    void theIdentityIsMountedAsFabricFoldersAndTheLedgerOnAClaim() {
        NodeMaterial material = material("peer0");
        PeerNode peer = peer("peer0");
        peer.getSpec().storage = new Storage();
        peer.getSpec().storage.size = "50Gi";
        peer.getSpec().storage.storageClassName = "ceph-rbd";
        StatefulSet set = PeerNodeBuilder.build(peer, new PeerNodeBuilder.Inputs("BankAMSP", material, List.of(), false, TLS_CA), PLATFORM)
                .statefulSet();

        Volume identity = set.getSpec().getTemplate().getSpec().getVolumes().get(0);
        assertThat(identity.getHostPath()).isNull();
        assertThat(identity.getProjected().getSources().get(0).getSecret().getName()).isEqualTo("peer0-identity");
        assertThat(identity.getProjected().getSources().get(1).getConfigMap().getName()).isEqualTo("peer0-msp");
        List<KeyToPath> secretItems = identity.getProjected().getSources().get(0).getSecret().getItems();
        assertThat(secretItems).filteredOn(i -> i.getPath().equals("tls/server.key")).singleElement()
                .satisfies(i -> assertThat(i.getMode()).isEqualTo(0400));
        assertThat(set.getSpec().getTemplate().getSpec().getVolumes()).allSatisfy(v -> assertThat(v.getHostPath()).isNull());
        Container container = set.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getVolumeMounts()).extracting(m -> m.getMountPath() + (Boolean.TRUE.equals(m.getReadOnly()) ? " ro" : ""))
                .containsExactly("/var/hyperledger/peer ro", "/var/hyperledger/production");

        PersistentVolumeClaim claim = set.getSpec().getVolumeClaimTemplates().get(0);
        assertThat(claim.getMetadata().getName()).isEqualTo("data");
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("ceph-rbd");
        assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("50Gi"));

        PersistentVolumeClaim defaults = PeerNodeBuilder.build(peer("peer1"),
                new PeerNodeBuilder.Inputs("BankAMSP", material("peer1"), List.of(), false, TLS_CA), PLATFORM).statefulSet()
                .getSpec().getVolumeClaimTemplates().get(0);
        assertThat(defaults.getSpec().getStorageClassName()).as("the cluster's default class").isNull();
        assertThat(defaults.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("10Gi"));
    }

    @Test
    void probesFollowTheOperationsTlsSettingAndPrometheusIsInvited() {
        StatefulSet plain = PeerNodeBuilder.build(peer("peer0"), new PeerNodeBuilder.Inputs("BankAMSP", material("peer0"), List.of(), false, TLS_CA),
                PLATFORM).statefulSet();
        StatefulSet tls = PeerNodeBuilder.build(peer("peer0"), new PeerNodeBuilder.Inputs("BankAMSP", material("peer0"), List.of(), true, TLS_CA),
                PLATFORM).statefulSet();
        Container plainPeer = plain.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(plainPeer.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(plainPeer.getLivenessProbe().getHttpGet().getPort().getIntVal()).isEqualTo(9443);
        assertThat(plainPeer.getReadinessProbe().getHttpGet().getScheme()).isEqualTo("HTTP");
        assertThat(tls.getSpec().getTemplate().getSpec().getContainers().get(0).getReadinessProbe().getHttpGet().getScheme())
                .isEqualTo("HTTPS");
        // With TLS on, Fabric needs the certificate and key files, and must not ask the kubelet for a client certificate.
        Container tlsPeer = tls.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(value(tlsPeer, "CORE_OPERATIONS_TLS_ENABLED")).isEqualTo("true");
        assertThat(value(tlsPeer, "CORE_OPERATIONS_TLS_CERT_FILE")).isEqualTo("/var/hyperledger/peer/tls/server.crt");
        assertThat(value(tlsPeer, "CORE_OPERATIONS_TLS_KEY_FILE")).isEqualTo("/var/hyperledger/peer/tls/server.key");
        assertThat(value(tlsPeer, "CORE_OPERATIONS_TLS_CLIENTAUTHREQUIRED")).isEqualTo("false");
        assertThat(plainPeer.getEnv()).noneMatch(e -> e.getName().startsWith("CORE_OPERATIONS_TLS_") && !e.getName().endsWith("ENABLED"));
        assertThat(tls.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("prometheus.io/scheme", "https");
        assertThat(plain.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/port", "9443");
    }

    @Test
    void objectsBelongToThePeerNodeAndTheServiceSelectsItsPod() {
        PeerNodeBuilder.Objects objects = PeerNodeBuilder.build(peer("peer0"),
                new PeerNodeBuilder.Inputs("BankAMSP", material("peer0"), List.of(), false, TLS_CA), PLATFORM);
        Service service = objects.service();
        assertThat(service.getMetadata().getName()).isEqualTo("peer0");
        assertThat(service.getSpec().getPorts()).extracting(p -> p.getName() + ":" + p.getPort())
                .containsExactly("peer:7051", "chaincode:7052", "operations:9443");
        assertThat(objects.statefulSet().getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(objects.statefulSet().getSpec().getSelector().getMatchLabels()).isEqualTo(service.getSpec().getSelector());
        assertThat(objects.statefulSet().getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("PeerNode");
            assertThat(owner.getUid()).isEqualTo("uid-peer0");
            assertThat(owner.getController()).isTrue();
        });
        assertThat(service.getMetadata().getOwnerReferences()).extracting(o -> o.getName()).containsExactly("peer0");
    }

    @Test
    void couchdbRunsBesideThePeerWithCredentialsFromASecret() {
        PeerNode peer = peer("peer0");
        peer.getSpec().stateDatabase = StateDatabase.COUCHDB;
        peer.getSpec().version = "2.5.9";
        StatefulSet set = PeerNodeBuilder.build(peer, new PeerNodeBuilder.Inputs("BankAMSP", material("peer0"), List.of(), false, TLS_CA), PLATFORM)
                .statefulSet();
        List<Container> containers = set.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).extracting(Container::getName).containsExactly("peer", "couchdb");
        assertThat(containers.get(0).getImage()).isEqualTo("hyperledger/fabric-peer:2.5.9");
        assertThat(value(containers.get(0), "CORE_LEDGER_STATE_STATEDATABASE")).isEqualTo("CouchDB");
        assertThat(value(containers.get(0), "CORE_LEDGER_STATE_COUCHDBCONFIG_COUCHDBADDRESS")).isEqualTo("localhost:5984");
        EnvVar password = env(containers.get(0)).get("CORE_LEDGER_STATE_COUCHDBCONFIG_PASSWORD");
        assertThat(password.getValue()).isNull();
        assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("peer0-couchdb");
        assertThat(env(containers.get(1)).get("COUCHDB_PASSWORD").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
        assertThat(set.getSpec().getVolumeClaimTemplates()).extracting(c -> c.getMetadata().getName()).containsExactly("data", "couchdb");
    }

    @Test
    void everyPeerPodPassesPodSecurityRestrictedWithCouchdbOrWithout() {
        for (StateDatabase database : StateDatabase.values()) {
            PeerNode peer = peer("peer0");
            peer.getSpec().stateDatabase = database;
            PodSpec pod = PeerNodeBuilder.build(peer, new PeerNodeBuilder.Inputs("BankAMSP", material("peer0"), List.of(), false, TLS_CA),
                    PLATFORM).statefulSet().getSpec().getTemplate().getSpec();
            assertThat(PodSecurityRestricted.check(pod)).as(database + " peer").isEmpty();
            // Fabric's image would run as root: a fixed uid, and the volumes' group so the ledger is writable.
            assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
            assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(1000L);
            assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(1000L);
        }
    }

    @Test
    void theCouchdbSidecarRunsAsTheImagesUserWithTheConfiguredResources() {
        PeerNode peer = peer("peer0");
        peer.getSpec().stateDatabase = StateDatabase.COUCHDB;
        Container couchdb = PeerNodeBuilder.build(peer, new PeerNodeBuilder.Inputs("BankAMSP", material("peer0"), List.of(), false, TLS_CA),
                PLATFORM).statefulSet().getSpec().getTemplate().getSpec().getContainers().get(1);
        assertThat(couchdb.getName()).isEqualTo("couchdb");
        assertThat(couchdb.getSecurityContext().getRunAsUser()).isEqualTo(5984L);
        assertThat(couchdb.getSecurityContext().getRunAsGroup()).isEqualTo(5984L);
        assertThat(couchdb.getResources()).isEqualTo(io.baas.support.TestPlatform.COUCHDB_RESOURCES);
        assertThat(couchdb.getResources().getLimits()).containsKeys("cpu", "memory");
        assertThat(couchdb.getResources().getRequests()).containsKeys("cpu", "memory");
    }

    @Test
    void theStatefulSetIsGovernedByAHeadlessServiceAndClientsKeepTheNodesOwnService() {
        PeerNodeBuilder.Objects objects = PeerNodeBuilder.build(peer("peer0"),
                new PeerNodeBuilder.Inputs("BankAMSP", material("peer0"), List.of("peer1"), false, TLS_CA), PLATFORM);
        Service governing = objects.governingService();
        assertThat(objects.statefulSet().getSpec().getServiceName()).isEqualTo("peer0-headless").isEqualTo(governing.getMetadata().getName());
        assertThat(governing.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(governing.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(governing.getSpec().getSelector()).isEqualTo(objects.statefulSet().getSpec().getSelector().getMatchLabels());
        assertThat(governing.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> assertThat(o.getUid()).isEqualTo("uid-peer0"));
        assertThat(governing.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "ks-baas");
        // The client-facing Service keeps its name and virtual IP: the addresses peers announce and certificates carry.
        assertThat(objects.service().getMetadata().getName()).isEqualTo("peer0");
        assertThat(objects.service().getSpec().getClusterIP()).isNull();
        Container container = objects.statefulSet().getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(value(container, "CORE_PEER_ADDRESS")).isEqualTo("peer0.trade-bank-a.svc.cluster.local:7051");
        assertThat(value(container, "CORE_PEER_GOSSIP_BOOTSTRAP")).isEqualTo("peer1.trade-bank-a.svc.cluster.local:7051");
    }
}
