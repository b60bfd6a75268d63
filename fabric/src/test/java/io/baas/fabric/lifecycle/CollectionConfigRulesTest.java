package io.baas.fabric.lifecycle;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baas.fabric.policy.SignaturePolicies;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.CollectionPolicyConfig;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.junit.jupiter.api.Test;

/** Fabric 2.5 _lifecycle's collection checks, each refusal in Fabric's words (scc.go validateCollectionConfigs). */
class CollectionConfigRulesTest {

    private static final Predicate<String> CHANNEL = Set.of("Org1MSP", "Org2MSP", "OrdererMSP")::contains;

    private static StaticCollectionConfig.Builder collection(String name, String members) {
        return StaticCollectionConfig.newBuilder().setName(name).setRequiredPeerCount(0).setMaximumPeerCount(1).setBlockToLive(10)
                .setMemberOrgsPolicy(CollectionPolicyConfig.newBuilder().setSignaturePolicy(SignaturePolicies.parse(members)));
    }

    private static Optional<CollectionConfigPackage> configs(StaticCollectionConfig.Builder... collections) {
        CollectionConfigPackage.Builder configs = CollectionConfigPackage.newBuilder();
        Arrays.stream(collections).forEach(c -> configs.addConfig(CollectionConfig.newBuilder().setStaticCollectionConfig(c)));
        return Optional.of(configs.build());
    }

    private static void refused(Optional<CollectionConfigPackage> proposed, String message) {
        assertThatThrownBy(() -> CollectionConfigRules.validate(proposed, CHANNEL, Optional.empty()))
                .isInstanceOf(LifecycleMessageException.class).hasMessage(message);
    }

    @Test
    void collectionsOfChannelOrganizationsWithOrPoliciesPass() {
        assertThatCode(() -> CollectionConfigRules.validate(configs(collection("c1", "OR('Org1MSP.member','Org2MSP.peer')"),
                collection("audit-log_2", "OR('Org1MSP.admin')")), CHANNEL, Optional.empty())).doesNotThrowAnyException();
        assertThatCode(() -> CollectionConfigRules.validate(Optional.empty(), CHANNEL, Optional.empty())).doesNotThrowAnyException();
    }

    @Test
    void eachRuleIsRefusedInFabricsWords() {
        refused(configs(collection("_private", "OR('Org1MSP.member')")),
                "invalid collection name '_private'. Names can only consist of alphanumerics, '_', and '-' and cannot begin with '_'");
        refused(configs(collection("_implicit_org_Org1MSP", "OR('Org1MSP.member')")),
                "invalid collection name '_implicit_org_Org1MSP'. Names can only consist of alphanumerics, '_', and '-' and cannot begin with '_'");
        refused(configs(collection("c1", "OR('Org1MSP.member')"), collection("c1", "OR('Org2MSP.member')")),
                "collection-name: c1 -- found duplicate in collection configuration");
        refused(configs(collection("c1", "OR('Org1MSP.member')").setRequiredPeerCount(2).setMaximumPeerCount(1)),
                "collection-name: c1 -- maximum peer count (1) cannot be less than the required peer count (2)");
        refused(configs(collection("c1", "OR('Org1MSP.member')").setRequiredPeerCount(-1)),
                "collection-name: c1 -- requiredPeerCount (-1) cannot be less than zero");
        refused(configs(collection("c1", "OR('Org1MSP.member')").clearMemberOrgsPolicy()),
                "collection member policy is not set for collection 'c1'");
        refused(configs(collection("c1", "OR('Org1MSP.member')").setMemberOrgsPolicy(CollectionPolicyConfig.getDefaultInstance())),
                "collection member org policy is empty for collection 'c1'");
        refused(configs(collection("c1", "AND('Org1MSP.member','Org2MSP.member')")),
                "collection-name: c1 -- error in member org policy: signature policy is not an OR concatenation, NOutOf 2");
        refused(configs(collection("c1", "OR('Org1MSP.member','Org3MSP.member')")),
                "collection-name: c1 -- collection member 'Org3MSP' is not part of the channel");
        StaticCollectionConfig.Builder outOfRange = collection("c1", "OR('Org1MSP.member')");
        outOfRange.getMemberOrgsPolicyBuilder().getSignaturePolicyBuilder().setRule(SignaturePolicy.newBuilder().setSignedBy(3));
        refused(configs(outOfRange), "invalid member org policy for collection 'c1': identity index out of range, requested 3, but"
                + " identities length is 1");
    }

    @Test
    void aNewSequenceMayAddCollectionsButNotDropOneOrChangeItsBlockToLive() {
        Optional<CollectionConfigPackage> committed = configs(collection("c1", "OR('Org1MSP.member')"));

        assertThatCode(() -> CollectionConfigRules.validate(configs(collection("c1", "OR('Org1MSP.member','Org2MSP.member')"),
                collection("c2", "OR('Org2MSP.member')")), CHANNEL, committed)).doesNotThrowAnyException();
        assertThatThrownBy(() -> CollectionConfigRules.validate(Optional.empty(), CHANNEL, committed))
                .hasMessage("the proposed collection config does not contain previously defined collections");
        assertThatThrownBy(() -> CollectionConfigRules.validate(configs(collection("c2", "OR('Org1MSP.member')")), CHANNEL, committed))
                .hasMessage("existing collection [c1] missing in the proposed collection configuration");
        assertThatThrownBy(() -> CollectionConfigRules.validate(configs(collection("c1", "OR('Org1MSP.member')").setBlockToLive(11)),
                CHANNEL, committed))
                .hasMessage("the BlockToLive in an existing collection [c1] modified. Existing value [10]");
    }
}
