package io.baas.fabric.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baas.fabric.policy.SignaturePolicies;
import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.junit.jupiter.api.Test;

/** collections_config.json as Fabric's peer CLI reads it, with fabric-samples' asset-transfer-private-data file as the example. */
class CollectionsConfigJsonTest {

    private static final String SAMPLES = """
            [
             {
             "name": "assetCollection",
             "policy": "OR('Org1MSP.member', 'Org2MSP.member')",
             "requiredPeerCount": 1,
             "maxPeerCount": 1,
             "blockToLive":1000000,
             "memberOnlyRead": true,
             "memberOnlyWrite": true
             },
             {
             "name": "Org1MSPPrivateCollection",
             "policy": "OR('Org1MSP.member')",
             "requiredPeerCount": 0,
             "maxPeerCount": 1,
             "blockToLive":3,
             "memberOnlyRead": true,
             "memberOnlyWrite": false,
             "endorsementPolicy": {
               "signaturePolicy": "OR('Org1MSP.member')"
             }
             },
             {
             "name": "audit",
             "policy": "OR('Org2MSP.member')",
             "endorsementPolicy": {"channelConfigPolicy": "/Channel/Application/Endorsement"},
             "comment": "unknown fields are ignored"
             }
            ]
            """;

    private static CollectionConfigPackage parse(String json) {
        return CollectionsConfigJson.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSamplesFileBecomesTheCollectionsThePeerCliSends() {
        CollectionConfigPackage configs = parse(SAMPLES);

        StaticCollectionConfig assets = configs.getConfig(0).getStaticCollectionConfig();
        assertThat(assets.getName()).isEqualTo("assetCollection");
        assertThat(assets.getMemberOrgsPolicy().getSignaturePolicy()).isEqualTo(SignaturePolicies.parse("OR('Org1MSP.member', 'Org2MSP.member')"));
        assertThat(assets.getRequiredPeerCount()).isEqualTo(1);
        assertThat(assets.getBlockToLive()).isEqualTo(1_000_000L);
        assertThat(assets.getMemberOnlyWrite()).isTrue();
        assertThat(assets.hasEndorsementPolicy()).isFalse();
        StaticCollectionConfig org1 = configs.getConfig(1).getStaticCollectionConfig();
        assertThat(org1.getEndorsementPolicy().getSignaturePolicy()).isEqualTo(SignaturePolicies.parse("OR('Org1MSP.member')"));
        assertThat(org1.getMemberOnlyWrite()).isFalse();
        StaticCollectionConfig audit = configs.getConfig(2).getStaticCollectionConfig();
        assertThat(audit.getRequiredPeerCount()).as("left out").isZero();
        assertThat(audit.getMaximumPeerCount()).as("left out: the peer CLI's 1").isEqualTo(1);
        assertThat(audit.getEndorsementPolicy().getChannelConfigPolicyReference()).isEqualTo("/Channel/Application/Endorsement");
    }

    @Test
    void whatThePeerCliRefusesIsRefusedInItsWords() {
        assertThatThrownBy(() -> parse("{\"name\": \"c\"}")).isInstanceOf(LifecycleMessageException.class)
                .hasMessageStartingWith("could not parse the collection configuration");
        assertThatThrownBy(() -> parse("[{\"name\": \"c\", \"policy\": \"Org1MSP.member\"}]"))
                .hasMessageStartingWith("invalid policy Org1MSP.member");
        assertThatThrownBy(() -> parse("[{\"name\": \"c\", \"policy\": \"OR('Org1MSP.member')\", \"endorsementPolicy\":"
                + " {\"signaturePolicy\": \"OR('Org1MSP.member')\", \"channelConfigPolicy\": \"/Channel/Application/Endorsement\"}}]"))
                .hasMessageContaining("cannot specify both \"--signature-policy\" and \"--channel-config-policy\"");
    }
}
