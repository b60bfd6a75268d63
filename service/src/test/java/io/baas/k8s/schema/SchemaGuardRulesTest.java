package io.baas.k8s.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baas.crd.Chaincode;
import io.baas.support.TradeFinance;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The guard's own rules, each shown to refuse what a real cluster refuses — in particular the shapes
 * issue 17 found (an Event of a cluster-scoped object outside default, an untyped collections
 * schema, a pod without securityContext, a changed claim template), so the guard cannot pass them.
 */
class SchemaGuardRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaGuard GUARD = new SchemaGuard(SchemaCatalog.load(KubernetesSchemaGuardTest.REPOSITORY));

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void namesLabelsAndQuantities() {
        assertThat(ObjectRules.rfc1035Label("peer0")).isTrue();
        assertThat(ObjectRules.rfc1035Label("1peer")).as("a Service name starts with a letter").isFalse();
        assertThat(ObjectRules.dns1123Label("trade-bank-a")).isTrue();
        assertThat(ObjectRules.dns1123Label("Trade")).isFalse();
        assertThat(ObjectRules.dns1123Label("a".repeat(64))).isFalse();
        assertThat(ObjectRules.dns1123Subdomain("v1.baas.io")).isTrue();
        assertThat(ObjectRules.dns1123Subdomain("peer0.-x")).isFalse();
        assertThat(ObjectRules.qualifiedName("app.kubernetes.io/managed-by")).isTrue();
        assertThat(ObjectRules.qualifiedName("kubesphere.io/workspace")).isTrue();
        assertThat(ObjectRules.qualifiedName("/x")).isFalse();
        assertThat(ObjectRules.qualifiedName("Bad_Prefix/x")).isFalse();
        assertThat(ObjectRules.labelValue("")).isTrue();
        assertThat(ObjectRules.labelValue("2.5.5")).isTrue();
        assertThat(ObjectRules.labelValue("-x")).isFalse();
        assertThat(ObjectRules.labelValue("a".repeat(64))).isFalse();
        for (String ok : List.of("100m", "1", "1.5", "2Gi", "256Mi", "1e3", ".5", "+1k")) {
            assertThat(ObjectRules.quantity(ok)).as(ok).isTrue();
        }
        for (String bad : List.of("", "1GB", "2 Gi", "Gi", "1.2.3", "-")) {
            assertThat(ObjectRules.quantity(bad)).as(bad).isFalse();
        }
        JsonNode service = SchemaGuard.tree(new ServiceBuilder().withNewMetadata().withName("1peer").withNamespace("trade-port")
                .addToLabels("app", "-bad").endMetadata().withNewSpec().addNewPort().withName("grpc_port").withPort(7051).endPort()
                .endSpec().build());
        assertThat(GUARD.check(List.of(service), "test")).extracting(Violation::toString).containsExactlyInAnyOrder(
                "v1 Service trade-port/1peer [test] at .metadata.name: \"1peer\" is not an RFC 1035 label (a Service name: lower case letter first, at most 63)",
                "v1 Service trade-port/1peer [test] at .metadata.labels[app]: \"-bad\" is not a label value (at most 63, alphanumeric ends)",
                "v1 Service trade-port/1peer [test] at .spec.ports[0].name: \"grpc_port\" is not an IANA service name (at most 15, [a-z0-9-], a letter)");
        assertThat(ObjectRules.quantities(json("{'spec':{'resources':{'requests':{'storage':'10GB'}}}}")))
                .containsExactly(".spec.resources.requests.storage: \"10GB\" is not a quantity");
    }

    /** Issue 17 item 1, as Controllers.event() wrote them before. */
    @Test
    void anEventAboutAClusterScopedObjectOutsideDefaultIsRefused() {
        var event = new EventBuilder().withNewMetadata().withName("trade.17a").withNamespace("kubesphere-system").endMetadata()
                .withNewInvolvedObject().withApiVersion("baas.io/v1").withKind("Consortium").withName("trade").endInvolvedObject()
                .withReason("Reconciled").withType("Normal").build();
        assertThat(GUARD.check(List.of(SchemaGuard.tree(event)), "test")).extracting(Violation::toString).containsExactly(
                "v1 Event kubesphere-system/trade.17a [test] at .metadata.namespace: \"kubesphere-system\" does not match event.namespace "
                        + "rule: an Event about the cluster-scoped Consortium trade must be in namespace \"default\"");
        event.getMetadata().setNamespace("default");
        assertThat(GUARD.check(List.of(SchemaGuard.tree(event)), "test")).isEmpty();
        event.getInvolvedObject().setNamespace("trade-bank-a");
        event.getInvolvedObject().setKind("PeerNode");
        assertThat(ObjectRules.event(SchemaGuard.tree(event))).singleElement().asString()
                .contains("does not match involvedObject.namespace \"trade-bank-a\"");
    }

    private static JsonNode chaincode() {
        Chaincode chaincode = TradeFinance.chaincode("notarization", "notarization");
        chaincode.getSpec().collections = List.of(TradeFinance.collectionC1());
        return SchemaGuard.tree(chaincode);
    }

    /** Issue 17 item 2: the real collection config against the CRD, and against the untyped schema it had before. */
    @Test
    void aCollectionConfigIsCheckedAgainstTheChaincodeCrd() {
        JsonNode chaincode = chaincode();
        assertThat(GUARD.check(List.of(chaincode), "test")).isEmpty();
        ObjectNode unknown = chaincode.deepCopy();
        ((ObjectNode) unknown.at("/spec/collections/0")).put("maxPeers", 3);
        assertThat(GUARD.check(List.of(unknown), "test")).extracting(Violation::toString).singleElement().asString()
                .startsWith("baas.io/v1 Chaincode trade-bank-a/notarization [test] at .spec.collections[0].maxPeers: unknown field");
        ObjectNode wrongType = chaincode.deepCopy();
        ((ObjectNode) wrongType.at("/spec/collections/0")).put("requiredPeerCount", "0");
        assertThat(GUARD.check(List.of(wrongType), "test")).extracting(Violation::toString).singleElement().asString()
                .contains(".spec.collections[0].requiredPeerCount: must be an integer");
        // The schema List<Map<String,Object>> gave (additionalProperties: object) refuses requiredPeerCount: 0.
        JsonNode untyped = json("{'type':'object','properties':{'spec':{'type':'object','properties':{'collections':{'type':'array',"
                + "'items':{'type':'object','additionalProperties':{'type':'object'}}}}}}}");
        assertThat(StructuralSchema.validate(untyped, json("{'spec':{'collections':[{'name':'c1','requiredPeerCount':0}]}}")))
                .containsExactly(".spec.collections[0].name: must be an object, is STRING",
                        ".spec.collections[0].requiredPeerCount: must be an object, is NUMBER");
    }

    @Test
    void structuralSchemaKeywords() {
        JsonNode schema = json("{'type':'object','required':['spec'],'properties':{'spec':{'type':'object','properties':{"
                + "'n':{'type':'integer','format':'int32','minimum':0,'maximum':10},"
                + "'s':{'type':'string','enum':['A','B'],'pattern':'^[A-Z]$'},"
                + "'free':{'type':'object','x-kubernetes-preserve-unknown-fields':true},"
                + "'port':{'x-kubernetes-int-or-string':true},"
                + "'labels':{'type':'object','additionalProperties':{'type':'string'}},"
                + "'list':{'type':'array','maxItems':1,'items':{'type':'boolean'}}}}}}");
        assertThat(StructuralSchema.validate(schema, json("{'spec':{'n':3,'s':'A','free':{'x':{'y':1}},'port':'grpc','labels':{'a':'b'},"
                + "'list':[true]}}"))).isEmpty();
        assertThat(StructuralSchema.validate(schema, json("{}"))).containsExactly(".spec: required field is missing");
        assertThat(StructuralSchema.validate(schema, json("{'spec':{'n':11,'s':'C','port':1.5,'labels':{'a':1},'list':[1,true],'x':1}}")))
                .containsExactlyInAnyOrder(".spec.n: 11 is above maximum 10", ".spec.s: \"C\" is not one of [\"A\",\"B\"]",
                        ".spec.port: must be an integer or a string, is NUMBER", ".spec.labels.a: must be a string, is NUMBER",
                        ".spec.list: must have at most 1 items", ".spec.list[0]: must be a boolean, is NUMBER",
                        ".spec.x: unknown field (not in the schema)");
        assertThat(StructuralSchema.validate(schema, json("{'spec':{'n':3000000000}}")))
                .containsExactlyInAnyOrder(".spec.n: 3000000000 does not fit format int32", ".spec.n: 3000000000 is above maximum 10");
    }

    @Test
    void kubeSphereFactsAreStrict() {
        JsonNode workspace = json("{'apiVersion':'tenant.kubesphere.io/v1beta1','kind':'WorkspaceTemplate','metadata':{'name':'ws'},"
                + "'spec':{'template':{'spec':{}}}}");
        assertThat(GUARD.check(List.of(workspace), "test")).extracting(Violation::toString).containsExactly(
                "tenant.kubesphere.io/v1beta1 WorkspaceTemplate ws [test] at .spec.placement: required field is missing "
                        + "(schema testdata/kubesphere-4.1/workspacetemplates.yaml)");
        JsonNode unknownKind = json("{'apiVersion':'example.io/v1','kind':'Thing','metadata':{'name':'t'}}");
        assertThat(GUARD.check(List.of(unknownKind), "test")).singleElement().asString().contains("no schema for example.io/v1 Thing");
    }

    private static StatefulSet peer(String size) {
        return new StatefulSetBuilder().withNewMetadata().withName("peer0").withNamespace("trade-bank-a").withUid("u1").endMetadata()
                .withNewSpec().withServiceName("peer0").withNewSelector().addToMatchLabels("app", "peer0").endSelector()
                .withNewTemplate().withNewSpec().addNewContainer().withName("peer").withImage("fabric-peer:2.5.5").endContainer()
                .endSpec().endTemplate()
                .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata().withNewSpec()
                .withNewResources().addToRequests("storage", new io.fabric8.kubernetes.api.model.Quantity(size)).endResources()
                .endSpec().endVolumeClaimTemplate().endSpec().build();
    }

    /** Issue 17 items 3 and 5, in the shapes the builders had. */
    @Test
    void claimTemplateChangesPodSecurityAndGoverningServicesAreCaught() {
        assertThat(ImmutableFields.changes(List.of(SchemaGuard.tree(peer("10Gi"))), List.of(SchemaGuard.tree(peer("20Gi")))))
                .singleElement().asString().startsWith("StatefulSet trade-bank-a/peer0 at .spec.volumeClaimTemplates: field is immutable");
        StatefulSet recreated = peer("20Gi");
        recreated.getMetadata().setUid("u2");
        assertThat(ImmutableFields.changes(List.of(SchemaGuard.tree(peer("10Gi"))), List.of(SchemaGuard.tree(recreated))))
                .as("a deleted and re-made object may differ").isEmpty();

        JsonNode set = SchemaGuard.tree(peer("10Gi"));
        JsonNode service = SchemaGuard.tree(new ServiceBuilder().withNewMetadata().withName("peer0").withNamespace("trade-bank-a")
                .endMetadata().withNewSpec().addNewPort().withPort(7051).endPort().endSpec().build());
        List<String> found = GUARD.check(List.of(set, service), "test").stream().map(Violation::toString).toList();
        assertThat(found).contains(
                "apps/v1 StatefulSet trade-bank-a/peer0 [test] at .spec.template.spec: Pod Security restricted: container peer: "
                        + "allowPrivilegeEscalation must be false",
                "apps/v1 StatefulSet trade-bank-a/peer0 [test] at .spec.template.spec: Pod Security restricted: container peer: "
                        + "capabilities.drop must include ALL",
                "apps/v1 StatefulSet trade-bank-a/peer0 [test] at .spec.template.spec.containers[0] (peer).resources.limits.memory: "
                        + "missing (a namespace with a ResourceQuota and no LimitRange refuses the pod)",
                "apps/v1 StatefulSet trade-bank-a/peer0 [test] at .spec.serviceName: the governing Service trade-bank-a/peer0 is not "
                        + "headless (spec.clusterIP is not None), so pods get no per-pod DNS");
    }

    @Test
    void theCatalogHasEveryBaasKindAndTheKubeSphereFacts() {
        SchemaCatalog catalog = SchemaCatalog.load(KubernetesSchemaGuardTest.REPOSITORY);
        assertThat(catalog.names()).contains("baas.io/v1 Chaincode", "baas.io/v1 Consortium", "baas.io/v1 PeerNode",
                "tenant.kubesphere.io/v1beta1 WorkspaceTemplate", "iam.kubesphere.io/v1beta1 GlobalRole",
                "extensions.kubesphere.io/v1alpha1 JSBundle");
        assertThat(SchemaCatalog.schema(json("{'a!':'map of string','b':[{'c':'int64'}]}")).toString()).isEqualTo(
                "{'type':'object','properties':{'a':{'type':'object','additionalProperties':{'type':'string'}},"
                        .replace('\'', '"') + "\"b\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":"
                        + "{\"c\":{\"type\":\"integer\",\"format\":\"int64\"}}}}},\"required\":[\"a\"]}");
    }
}
