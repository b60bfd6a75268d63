package io.baas.k8s.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.crd.Consortium;
import io.baas.crd.OrdererNode;
import io.baas.crd.PeerNode;
import io.baas.k8s.ServiceMonitor;
import io.baas.pki.AlternativeNames;
import io.baas.pki.Identity;
import io.baas.pki.IdentityIssuer;
import io.baas.pki.IdentityRequest;
import io.baas.pki.IdentityRole;
import io.baas.pki.MspOrganization;
import io.baas.pki.OrganizationCaFactory;
import io.baas.pki.OrganizationCas;
import io.baas.pki.Pem;
import io.baas.pki.ServiceAddress;
import io.baas.pki.ValidityPolicy;
import io.baas.pki.k8s.NodeMaterial;
import io.baas.pki.k8s.NodeMaterialBuilder;
import io.baas.pki.msp.MspLayout;
import io.baas.support.TestPlatform;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The nodes' ServiceMonitor, checked against the Services the node builders really make. */
class NodeServiceMonitorTest {

    private static final String NAMESPACE = "trade-bank-a";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OrganizationCas cas = new OrganizationCaFactory(Clock.systemUTC(), ValidityPolicy.DEFAULT)
            .createRoots(new MspOrganization("BankAMSP", "bank-a.example"));
    private final Consortium trade = ConsortiumNamespacesTest.consortium("trade", "bank-a", "ws-a");

    @Test
    void itSelectsEachPeersAndOrderersOwnServiceOnceAndNothingElse() {
        JsonNode spec = spec(NodeServiceMonitor.build(trade, NAMESPACE, TestPlatform.SETTINGS, NodeMonitoring.DEFAULTS));
        PeerNodeBuilder.Objects peer = peer("peer0", false);
        OrdererNodeBuilder.Objects orderer = orderer("orderer0", false);
        JsonNode selector = spec.path("selector");
        assertThat(selects(selector, peer.service())).as("the peer's own Service").isTrue();
        assertThat(selects(selector, orderer.service())).as("the orderer's own Service").isTrue();
        assertThat(selects(selector, peer.governingService())).as("the governing Service points at the same pod").isFalse();
        assertThat(selects(selector, orderer.governingService())).isFalse();
        Service chaincodeServer = new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewMetadata()
                .withLabels(Map.of("app.kubernetes.io/managed-by", "ks-baas", "app.kubernetes.io/name", "chaincode-server")).endMetadata().build();
        assertThat(selects(selector, chaincodeServer)).isFalse();
        assertThat(spec.at("/namespaceSelector/matchNames").toString()).isEqualTo("[\"trade-bank-a\"]");

        JsonNode endpoint = spec.at("/endpoints/0");
        assertThat(spec.at("/endpoints").size()).isEqualTo(1);
        String port = endpoint.path("port").asText();
        assertThat(peer.service().getSpec().getPorts()).anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo(port);
            assertThat(p.getPort()).isEqualTo(PeerNodeBuilder.OPERATIONS_PORT);
        });
        assertThat(orderer.service().getSpec().getPorts()).anySatisfy(p -> assertThat(p.getName()).isEqualTo(port));
        assertThat(endpoint.path("path").asText()).isEqualTo("/metrics");
        assertThat(endpoint.path("scheme").asText()).isEqualTo("http");
        assertThat(endpoint.path("interval").asText()).isEqualTo("30s");
        assertThat(endpoint.has("tlsConfig")).isFalse();
        // job is what kind of node it is: the job label comes from a label the node Services carry.
        assertThat(peer.service().getMetadata().getLabels()).containsEntry(spec.path("jobLabel").asText(), "fabric-peer");
        assertThat(orderer.service().getMetadata().getLabels()).containsEntry(spec.path("jobLabel").asText(), "fabric-orderer");
    }

    @Test
    void targetsCarryTheConsortiumAndTheOrganizationFromTheServiceLabels() {
        JsonNode relabelings = spec(NodeServiceMonitor.build(trade, NAMESPACE, TestPlatform.SETTINGS, NodeMonitoring.DEFAULTS))
                .at("/endpoints/0/relabelings");
        Map<String, String> target = relabel(relabelings, peer("peer0", false).service());
        assertThat(target).containsEntry("consortium", "trade").containsEntry("organization", "bank-a");
        assertThat(relabel(relabelings, orderer("orderer0", false).service())).containsEntry("consortium", "trade")
                .containsEntry("organization", "bank-a");
        assertThat(target).doesNotContainKey("__address__");
    }

    @Test
    void withOperationsTlsPrometheusVerifiesTheNodeAgainstTheOrganizationsTlsCaUnderANameItsCertificateCarries() throws Exception {
        PlatformSettings tls = TestPlatform.settings(true);
        JsonNode endpoint = spec(NodeServiceMonitor.build(trade, NAMESPACE, tls, NodeMonitoring.DEFAULTS)).at("/endpoints/0");
        assertThat(endpoint.path("scheme").asText()).isEqualTo("https");
        assertThat(endpoint.at("/tlsConfig/insecureSkipVerify").asBoolean(true)).isFalse();
        assertThat(endpoint.at("/tlsConfig/ca/configMap/name").asText()).isEqualTo(NodeServiceMonitor.TLS_CA_CONFIG_MAP);
        String key = endpoint.at("/tlsConfig/ca/configMap/key").asText();

        ConfigMap ca = NodeServiceMonitor.tlsCa(trade, NAMESPACE, Pem.encode(cas.tlsCa().chain()));
        assertThat(ca.getMetadata().getName()).isEqualTo(NodeServiceMonitor.TLS_CA_CONFIG_MAP);
        assertThat(ca.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        var trusted = Pem.certificates(ca.getData().get(key));

        for (String node : List.of("peer0", "orderer0")) {
            NodeMaterial material = material(node, node.startsWith("peer") ? IdentityRole.PEER : IdentityRole.ORDERER);
            Service service = node.startsWith("peer") ? peer(node, true).service() : orderer(node, true).service();
            String address = relabel(endpoint.path("relabelings"), service).get("__address__");
            assertThat(address).isEqualTo(node + ".trade-bank-a.svc.cluster.local:9443");
            var certificate = Pem.certificate(new String(Base64.getDecoder().decode(material.secret().getData().get("tls.server.crt"))));
            assertThat(AlternativeNames.of(certificate).dnsNames()).contains(address.substring(0, address.lastIndexOf(':')));
            certificate.verify(trusted.get(0).getPublicKey());
        }
    }

    @Test
    void configuredLabelsAndIntervalReachTheServiceMonitorWithoutReplacingItsOwn() {
        ServiceMonitor monitor = NodeServiceMonitor.build(trade, NAMESPACE, TestPlatform.SETTINGS,
                new NodeMonitoring(true, Map.of("release", "kube-prometheus-stack", "app.kubernetes.io/managed-by", "someone"), "1m"));
        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getKind()).isEqualTo("ServiceMonitor");
        assertThat(monitor.getMetadata().getName()).isEqualTo("baas-fabric-nodes");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack")
                .containsEntry("baas.io/consortium", "trade").containsEntry("app.kubernetes.io/managed-by", "ks-baas");
        assertThat(spec(monitor).at("/endpoints/0/interval").asText()).isEqualTo("1m");
    }

    // --- a label selector and Prometheus' relabelling, as far as the ServiceMonitor uses them

    private static boolean selects(JsonNode selector, Service service) {
        Map<String, String> labels = service.getMetadata().getLabels();
        var matchLabels = selector.path("matchLabels").fields();
        while (matchLabels.hasNext()) {
            var e = matchLabels.next();
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.get(expression.path("key").asText());
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("operator " + expression);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The target labels Prometheus makes from a Service's metadata with these relabelings (replace actions). */
    private static Map<String, String> relabel(JsonNode relabelings, Service service) {
        Map<String, String> labels = new java.util.HashMap<>();
        labels.put("__meta_kubernetes_service_name", service.getMetadata().getName());
        labels.put("__meta_kubernetes_namespace", service.getMetadata().getNamespace());
        service.getMetadata().getLabels().forEach((k, v) -> labels.put(NodeServiceMonitor.metaLabel(k), v));
        for (JsonNode r : relabelings) {
            assertThat(r.path("action").asText()).isEqualTo("replace");
            List<String> sources = new ArrayList<>();
            r.path("sourceLabels").forEach(s -> sources.add(labels.getOrDefault(s.asText(), "")));
            String value = String.join(r.path("separator").asText(";"), sources);
            var matcher = java.util.regex.Pattern.compile(r.path("regex").asText("(.*)")).matcher(value);
            if (matcher.matches()) {
                String replacement = r.path("replacement").asText("$1");
                String result = matcher.replaceAll(replacement.replace("${1}", "$1"));
                labels.put(r.path("targetLabel").asText(), result);
            }
        }
        return labels;
    }

    private static JsonNode spec(ServiceMonitor monitor) {
        return JSON.valueToTree(monitor.getAdditionalProperties().get("spec"));
    }

    private NodeMaterial material(String node, IdentityRole role) {
        Identity identity = new IdentityIssuer(cas).issue(IdentityRequest.node(role, node, List.of(ServiceAddress.of(node, NAMESPACE)), List.of()));
        return NodeMaterialBuilder.build(NAMESPACE, "bank-a", node, MspLayout.identityMaterial(cas, identity));
    }

    private PeerNodeBuilder.Objects peer(String name, boolean operationsTls) {
        PeerNode peer = new PeerNode();
        peer.getMetadata().setName(name);
        peer.getMetadata().setNamespace(NAMESPACE);
        peer.getMetadata().setUid("uid-" + name);
        peer.setSpec(new PeerNode.Spec());
        peer.getSpec().organization = "bank-a";
        return PeerNodeBuilder.build(peer, new PeerNodeBuilder.Inputs("BankAMSP", material(name, IdentityRole.PEER), List.of(), operationsTls,
                Pem.encode(cas.tlsCa().chain())), TestPlatform.settings(operationsTls));
    }

    private OrdererNodeBuilder.Objects orderer(String name, boolean operationsTls) {
        OrdererNode orderer = new OrdererNode();
        orderer.getMetadata().setName(name);
        orderer.getMetadata().setNamespace(NAMESPACE);
        orderer.getMetadata().setUid("uid-" + name);
        orderer.setSpec(new OrdererNode.Spec());
        orderer.getSpec().organization = "bank-a";
        orderer.getSpec().consortium = "trade";
        return OrdererNodeBuilder.build(orderer, new OrdererNodeBuilder.Inputs("BankAMSP", material(name, IdentityRole.ORDERER), operationsTls),
                TestPlatform.settings(operationsTls));
    }
}
