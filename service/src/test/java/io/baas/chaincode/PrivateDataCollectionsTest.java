package io.baas.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baas.crd.Chaincode;
import io.baas.fabric.policy.SignaturePolicies;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.junit.jupiter.api.Test;

/** spec.collections, written as Fabric's collections_config.json, into the CollectionConfigPackage a definition carries. */
class PrivateDataCollectionsTest {

    /** A Chaincode as kubectl would apply it, with collections as Fabric's docs write them. */
    private static final String CHAINCODE = """
            apiVersion: baas.io/v1
            kind: Chaincode
            metadata:
              name: assets
              namespace: trade-bank-a
            spec:
              name: assets
              channel: trade-finance
              packageRef: {name: asset-transfer, version: "1.0"}
              version: "1.0"
              sequence: 1
              collections:
                - name: c1
                  policy: "OR('Org1MSP.member','Org2MSP.member')"
                  requiredPeerCount: 0
                  maxPeerCount: 3
                  blockToLive: 1000000
                  memberOnlyRead: true
                  memberOnlyWrite: true
                - name: Org1MSPPrivateCollection
                  policy: "OR('Org1MSP.member')"
                  requiredPeerCount: 0
                  maxPeerCount: 1
                  blockToLive: 3
                  memberOnlyRead: true
                  memberOnlyWrite: false
                  endorsementPolicy:
                    signaturePolicy: "OR('Org1MSP.member')"
                - name: audit_log-2
                  policy: "AND('Org1MSP.peer','Org2MSP.peer')"
                  endorsementPolicy:
                    channelConfigPolicy: /Channel/Application/Endorsement
            """;

    private static Chaincode.Spec spec() {
        return Serialization.unmarshal(CHAINCODE, Chaincode.class).getSpec();
    }

    @Test
    void aRealCollectionConfigBecomesTheStaticCollectionConfigsFabricSends() {
        CollectionConfigPackage configs = PrivateDataCollections.toPackage(spec().collections).orElseThrow();

        assertThat(configs.getConfigList()).hasSize(3).allSatisfy(c -> assertThat(c.hasStaticCollectionConfig()).isTrue());
        StaticCollectionConfig c1 = configs.getConfig(0).getStaticCollectionConfig();
        assertThat(c1.getName()).isEqualTo("c1");
        assertThat(c1.getMemberOrgsPolicy().getSignaturePolicy())
                .isEqualTo(SignaturePolicies.parse("OR('Org1MSP.member','Org2MSP.member')"));
        assertThat(c1.getRequiredPeerCount()).isZero();
        assertThat(c1.getMaximumPeerCount()).isEqualTo(3);
        assertThat(c1.getBlockToLive()).isEqualTo(1_000_000L);
        assertThat(c1.getMemberOnlyRead()).isTrue();
        assertThat(c1.getMemberOnlyWrite()).isTrue();
        assertThat(c1.hasEndorsementPolicy()).isFalse();

        StaticCollectionConfig org1 = configs.getConfig(1).getStaticCollectionConfig();
        assertThat(org1.getMemberOnlyWrite()).isFalse();
        assertThat(org1.getEndorsementPolicy().getSignaturePolicy()).isEqualTo(SignaturePolicies.parse("OR('Org1MSP.member')"));

        StaticCollectionConfig audit = configs.getConfig(2).getStaticCollectionConfig();
        assertThat(audit.getEndorsementPolicy().getChannelConfigPolicyReference()).isEqualTo("/Channel/Application/Endorsement");
        assertThat(audit.getMaximumPeerCount()).as("left out: 1, as Fabric's peer CLI makes it").isEqualTo(1);
        assertThat(audit.getRequiredPeerCount()).as("left out: 0").isZero();
        assertThat(audit.getBlockToLive()).isZero();
    }

    @Test
    void noCollectionsMeansNoPackage() {
        assertThat(PrivateDataCollections.toPackage(null)).isEmpty();
        assertThat(PrivateDataCollections.toPackage(List.of())).isEmpty();
    }

    @Test
    void whatFabricWouldRefuseIsRefusedNamingTheEntryAndField() {
        assertThatThrownBy(() -> toPackage(c -> c.name = null)).hasMessage("collections[0]: name is required");
        assertThatThrownBy(() -> toPackage(c -> c.name = "_implicit_org_Org1MSP"))
                .hasMessageStartingWith("collections[0] (_implicit_org_Org1MSP): name may hold only");
        assertThatThrownBy(() -> toPackage(c -> c.name = "c 1")).hasMessageContaining("name may hold only");
        assertThatThrownBy(() -> toPackage(c -> c.requiredPeerCount = -1))
                .hasMessage("collections[0] (c1): requiredPeerCount may not be negative");
        assertThatThrownBy(() -> toPackage(c -> c.maxPeerCount = -2)).hasMessage("collections[0] (c1): maxPeerCount may not be negative");
        assertThatThrownBy(() -> toPackage(c -> c.blockToLive = -1L)).hasMessage("collections[0] (c1): blockToLive may not be negative");
        assertThatThrownBy(() -> toPackage(c -> c.requiredPeerCount = 4))
                .hasMessage("collections[0] (c1): requiredPeerCount (4) exceeds maxPeerCount (3)");
        assertThatThrownBy(() -> toPackage(c -> {
            c.requiredPeerCount = 2;
            c.maxPeerCount = null;
        })).hasMessage("collections[0] (c1): requiredPeerCount (2) exceeds maxPeerCount (1, left out)");
        assertThatThrownBy(() -> toPackage(c -> c.policy = " ")).hasMessageContaining("policy (the member organizations, a signature policy) is required");
        assertThatThrownBy(() -> toPackage(c -> c.policy = "Org1MSP.member")).hasMessageContaining("policy is not a signature policy");
        assertThatThrownBy(() -> toPackage(c -> c.endorsementPolicy = new Chaincode.CollectionEndorsementPolicy()))
                .hasMessageContaining("exactly one of signaturePolicy and channelConfigPolicy");

        Chaincode.Spec twice = spec();
        twice.collections.get(1).name = "c1";
        assertThatThrownBy(() -> PrivateDataCollections.toPackage(twice.collections))
                .hasMessage("collections[1] (c1): the name is used by an earlier collection");
    }

    private static CollectionConfigPackage toPackage(java.util.function.Consumer<Chaincode.PrivateDataCollection> change) {
        Chaincode.Spec spec = spec();
        change.accept(spec.collections.get(0));
        return PrivateDataCollections.toPackage(spec.collections).orElseThrow();
    }
}
