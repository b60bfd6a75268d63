package io.baas.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baas.crd.Channel;
import io.baas.fabric.configtx.ChannelConfigBuilder;
import io.baas.fabric.configtx.ChannelDescription;
import io.baas.fabric.configtx.HostPort;
import io.baas.fabric.policy.SignaturePolicies;
import io.baas.pki.CaCertificates;
import io.baas.pki.MspOrganization;
import io.baas.pki.OrganizationCaFactory;
import io.baas.pki.Pem;
import io.baas.pki.ValidityPolicy;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;
import org.hyperledger.fabric.protos.common.Policy;
import org.junit.jupiter.api.Test;

/** A Channel's spec.policies in the genesis configuration: replaced and added policies, refused paths and rules. */
class ChannelPolicyOverridesTest {

    private static final CaCertificates ORG1 = cas("Org1MSP", "org1.example");
    private static final CaCertificates ORDERER = cas("OrdererMSP", "orderer.example");

    @Test
    void withoutOverridesTheGroupsKeepConfigtxgensDefaults() throws Exception {
        Config config = ChannelConfigBuilder.build(describe(null));
        assertThat(implicitMeta(config.getChannelGroup().getGroupsOrThrow("Application"), "Endorsement"))
                .isEqualTo(ImplicitMetaPolicy.newBuilder().setRule(ImplicitMetaPolicy.Rule.MAJORITY).setSubPolicy("Endorsement").build());
    }

    @Test
    void overridesReplaceAndAddPoliciesOfTheirGroup() throws Exception {
        Config config = ChannelConfigBuilder.build(describe(Map.of(
                "Application/Endorsement", "ANY Endorsement",
                "Application/OrgOnePeers", "OR('Org1MSP.peer')",
                "Channel/Admins", "ALL Admins",
                "Orderer/BlockValidation", "OR('OrdererMSP.member')")));
        ConfigGroup channel = config.getChannelGroup();
        ConfigGroup application = channel.getGroupsOrThrow("Application");
        assertThat(implicitMeta(application, "Endorsement").getRule()).isEqualTo(ImplicitMetaPolicy.Rule.ANY);
        assertThat(implicitMeta(application, "LifecycleEndorsement").getRule()).as("untouched").isEqualTo(ImplicitMetaPolicy.Rule.MAJORITY);
        Policy added = application.getPoliciesOrThrow("OrgOnePeers").getPolicy();
        assertThat(added.getType()).isEqualTo(Policy.PolicyType.SIGNATURE_VALUE);
        assertThat(added.getValue()).isEqualTo(SignaturePolicies.parse("OR('Org1MSP.peer')").toByteString());
        assertThat(implicitMeta(channel, "Admins").getRule()).isEqualTo(ImplicitMetaPolicy.Rule.ALL);
        assertThat(channel.getGroupsOrThrow("Orderer").getPoliciesOrThrow("BlockValidation").getPolicy().getType())
                .isEqualTo(Policy.PolicyType.SIGNATURE_VALUE);
    }

    @Test
    void aPathOutsideTheThreeGroupsOrABadRuleIsRefusedByName() {
        assertThatThrownBy(() -> describe(Map.of("Application/Org1/Admins", "ANY Admins")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Application/Org1/Admins");
        assertThatThrownBy(() -> describe(Map.of("Consortiums/Admins", "ANY Admins")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Consortiums/Admins");
        assertThatThrownBy(() -> describe(Map.of("Application/Endorsement", "OR('Org1MSP.peer'")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("policy Application/Endorsement");
        assertThatThrownBy(() -> describe(Map.of("Channel/Readers", "SOME Readers")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("policy Channel/Readers");
    }

    private static ChannelDescription describe(Map<String, String> policies) {
        Channel channel = new Channel();
        channel.setSpec(new Channel.Spec());
        channel.getSpec().channelId = "trade";
        channel.getSpec().consortium = "c";
        channel.getSpec().organizations = List.of("org1");
        channel.getSpec().policies = policies;
        ChannelGenesis.Member org1 = member(ORG1);
        ChannelGenesis.Member orderer = member(ORDERER);
        ChannelGenesis.Orderer node = new ChannelGenesis.Orderer("OrdererMSP", new HostPort("orderer0", 7050),
                new HostPort("orderer0", 7050), ORDERER.tlsCa());
        return ChannelGenesis.describe(channel, List.of(org1), List.of(orderer), List.of(node));
    }

    private static ChannelGenesis.Member member(CaCertificates cas) {
        return new ChannelGenesis.Member(cas.organization().mspId(), Pem.encode(cas.signingChain()), Pem.encode(cas.tlsChain()), List.of());
    }

    private static CaCertificates cas(String mspId, String domain) {
        return new OrganizationCaFactory(Clock.systemUTC(), ValidityPolicy.DEFAULT).createRoots(new MspOrganization(mspId, domain)).certificates();
    }

    private static ImplicitMetaPolicy implicitMeta(ConfigGroup group, String name) throws Exception {
        Policy policy = group.getPoliciesOrThrow(name).getPolicy();
        assertThat(policy.getType()).isEqualTo(Policy.PolicyType.IMPLICIT_META_VALUE);
        return ImplicitMetaPolicy.parseFrom(policy.getValue());
    }
}
