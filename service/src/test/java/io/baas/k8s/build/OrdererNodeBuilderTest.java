package io.baas.k8s.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.crd.OrdererNode;
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
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import io.baas.support.PodSecurityRestricted;
import io.fabric8.kubernetes.api.model.PodSpec;
import org.junit.jupiter.api.Test;

/** The orderer's Kubernetes objects, field by field. */
class OrdererNodeBuilderTest {

    static final String NAMESPACE = "trade-bank-a";

    private final OrganizationCas cas = new OrganizationCaFactory(Clock.systemUTC(), ValidityPolicy.DEFAULT)
            .createRoots(new MspOrganization("BankAMSP", "bank-a.example"));

    private OrdererNodeBuilder.Objects build(boolean operationsTls) {
        Identity identity = new IdentityIssuer(cas).issue(IdentityRequest.node(IdentityRole.ORDERER, "orderer0",
                List.of(ServiceAddress.of("orderer0", NAMESPACE)), List.of()));
        NodeMaterial material = NodeMaterialBuilder.build(NAMESPACE, "bank-a", "orderer0", MspLayout.identityMaterial(cas, identity));
        OrdererNode orderer = new OrdererNode();
        orderer.getMetadata().setName("orderer0");
        orderer.getMetadata().setNamespace(NAMESPACE);
        orderer.getMetadata().setUid("uid-orderer0");
        orderer.setSpec(new OrdererNode.Spec());
        orderer.getSpec().organization = "bank-a";
        orderer.getSpec().consortium = "trade";
        return OrdererNodeBuilder.build(orderer, new OrdererNodeBuilder.Inputs("BankAMSP", material, operationsTls),
                ConsortiumNamespacesTest.PLATFORM);
    }

    private static Map<String, String> env(StatefulSet set) {
        Container container = set.getSpec().getTemplate().getSpec().getContainers().get(0);
        return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    @Test
    void runsWithoutASystemChannelWithParticipationBehindMutualTls() {
        Map<String, String> env = env(build(false).statefulSet());
        assertThat(env).containsEntry("ORDERER_GENERAL_BOOTSTRAPMETHOD", "none")
                .containsEntry("ORDERER_CHANNELPARTICIPATION_ENABLED", "true")
                .containsEntry("ORDERER_ADMIN_LISTENADDRESS", "0.0.0.0:7053")
                .containsEntry("ORDERER_ADMIN_TLS_ENABLED", "true")
                .containsEntry("ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED", "true")
                .containsEntry("ORDERER_ADMIN_TLS_CLIENTROOTCAS", "[/var/hyperledger/orderer/tls/ca.crt]")
                .containsEntry("ORDERER_GENERAL_LOCALMSPID", "BankAMSP")
                .containsEntry("ORDERER_GENERAL_CLUSTER_LISTENPORT", "7070")
                .containsEntry("ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE", "/var/hyperledger/orderer/tls/server.crt")
                .containsEntry("ORDERER_GENERAL_CLUSTER_SERVERCERTIFICATE", "/var/hyperledger/orderer/tls/server.crt");
    }

    @Test
    void theClusterCertificateServesAndDialsUnderTheServiceName() throws Exception {
        OrdererNodeBuilder.Objects objects = build(false);
        var items = objects.statefulSet().getSpec().getTemplate().getSpec().getVolumes().get(0).getProjected().getSources();
        assertThat(items.get(0).getSecret().getItems()).extracting(i -> i.getPath()).contains("tls/server.crt", "tls/server.key");
        String host = OrdererNodeBuilder.host("orderer0", NAMESPACE, ConsortiumNamespacesTest.PLATFORM);
        assertThat(host).isEqualTo("orderer0.trade-bank-a.svc.cluster.local");
        // The material's TLS certificate: both purposes, and the Service's name.
        Identity identity = new IdentityIssuer(cas).issue(IdentityRequest.node(IdentityRole.ORDERER, "orderer0",
                List.of(ServiceAddress.of("orderer0", NAMESPACE)), List.of()));
        assertThat(AlternativeNames.of(identity.tls().certificate()).dnsNames()).contains(host);
        assertThat(identity.tls().certificate().getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    }

    @Test
    void servicePortsStorageProbesAndOwner() {
        OrdererNodeBuilder.Objects objects = build(true);
        assertThat(objects.service().getSpec().getPorts()).extracting(p -> p.getName() + ":" + p.getPort())
                .containsExactly("client:7050", "cluster:7070", "admin:7053", "operations:9443");
        StatefulSet set = objects.statefulSet();
        Container container = set.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("hyperledger/fabric-orderer:2.5.5");
        assertThat(container.getReadinessProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");
        assertThat(set.getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests())
                .containsEntry("storage", new Quantity("10Gi"));
        assertThat(set.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> assertThat(o.getKind()).isEqualTo("OrdererNode"));
        assertThat(set.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("baas.io/consortium", "trade");
    }

    @Test
    void theOrdererPodPassesPodSecurityRestrictedAsAFixedNonRootUser() {
        PodSpec pod = build(false).statefulSet().getSpec().getTemplate().getSpec();
        assertThat(PodSecurityRestricted.check(pod)).isEmpty();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
        assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(1000L);
    }

    @Test
    void theStatefulSetIsGovernedByAHeadlessServiceAndClientsKeepTheNodesOwnService() {
        OrdererNodeBuilder.Objects objects = build(false);
        assertThat(objects.statefulSet().getSpec().getServiceName()).isEqualTo("orderer0-headless")
                .isEqualTo(objects.governingService().getMetadata().getName());
        assertThat(objects.governingService().getSpec().getClusterIP()).isEqualTo("None");
        assertThat(objects.governingService().getSpec().getPorts()).extracting(p -> p.getName())
                .containsExactly("client", "cluster", "admin", "operations");
        assertThat(objects.service().getMetadata().getName()).isEqualTo("orderer0");
        assertThat(objects.service().getSpec().getClusterIP()).isNull();
        assertThat(OrdererNodeBuilder.host("orderer0", NAMESPACE, ConsortiumNamespacesTest.PLATFORM))
                .isEqualTo("orderer0.trade-bank-a.svc.cluster.local");
    }
}
