package io.baas.fabric.sandbox.peer.channel;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.fabric.configtx.ChannelConfigException;
import io.baas.fabric.configtx.ChannelMsps;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.SignedData;
import io.baas.fabric.policy.ChannelPolicies;
import io.baas.fabric.policy.Policy;
import io.baas.fabric.policy.PolicyException;
import io.baas.fabric.sandbox.SandboxException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.OrdererAddresses;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;

/**
 * What the peer reads from a channel's current config: policies, MSPs, the application
 * organizations, and where and how to reach the ordering service (endpoints of the orderer
 * organizations, their TLS roots).
 */
public record ChannelConfig(Config config, ChannelPolicies policies, ChannelMsps msps, List<String> applicationMspIds,
        List<String> ordererEndpoints, List<X509Certificate> ordererTlsRoots) {

    public static final String APPLICATION_READERS = "/Channel/Application/Readers";
    public static final String APPLICATION_WRITERS = "/Channel/Application/Writers";
    public static final String LIFECYCLE_ENDORSEMENT = "/Channel/Application/LifecycleEndorsement";
    public static final String DEFAULT_ENDORSEMENT = "/Channel/Application/Endorsement";
    public static final String BLOCK_VALIDATION = "/Channel/Orderer/BlockValidation";

    public static ChannelConfig of(Config config) {
        ConfigGroup channel = config.getChannelGroup();
        ConfigGroup application = channel.getGroupsMap().get("Application");
        ConfigGroup orderer = channel.getGroupsMap().get("Orderer");
        if (application == null || orderer == null) {
            throw new SandboxException("a channel config needs an Application and an Orderer group");
        }
        List<String> applicationMsps = new ArrayList<>();
        application.getGroupsMap().keySet().stream().sorted()
                .forEach(org -> mspConfig(application.getGroupsMap().get(org)).ifPresent(msp -> applicationMsps.add(msp.getName())));
        List<String> endpoints = new ArrayList<>();
        List<X509Certificate> tlsRoots = new ArrayList<>();
        orderer.getGroupsMap().keySet().stream().sorted().forEach(name -> {
            ConfigGroup org = orderer.getGroupsMap().get(name);
            endpoints.addAll(addresses(org.getValuesMap().get("Endpoints")));
            mspConfig(org).ifPresent(msp -> {
                msp.getTlsRootCertsList().forEach(pem -> tlsRoots.add(FabricIdentity.parseCertificate(pem.toByteArray())));
                msp.getTlsIntermediateCertsList().forEach(pem -> tlsRoots.add(FabricIdentity.parseCertificate(pem.toByteArray())));
            });
        });
        // The channel-wide OrdererAddresses of Fabric 1.x configs, used when no organization lists endpoints.
        if (endpoints.isEmpty()) {
            endpoints.addAll(addresses(channel.getValuesMap().get("OrdererAddresses")));
        }
        return new ChannelConfig(config, new ChannelPolicies(config), msps(channel), List.copyOf(applicationMsps),
                List.copyOf(endpoints), List.copyOf(tlsRoots));
    }

    private static ChannelMsps msps(ConfigGroup channel) {
        try {
            return ChannelMsps.of(channel);
        } catch (ChannelConfigException e) {
            throw new SandboxException(e.getMessage(), e);
        }
    }

    /**
     * A policy of the application organization with that MSP ID, e.g. its Endorsement policy at
     * /Channel/Application/&lt;org&gt;/Endorsement; Fabric's rejecting policy for an unknown organization.
     */
    public Policy organizationPolicy(String mspId, String policyName) {
        ConfigGroup application = config.getChannelGroup().getGroupsMap().get("Application");
        for (var org : application.getGroupsMap().entrySet()) {
            if (mspConfig(org.getValue()).map(msp -> msp.getName().equals(mspId)).orElse(false)) {
                return policy("/Channel/Application/" + org.getKey() + "/" + policyName);
            }
        }
        return Policy.REJECT;
    }

    public long sequence() {
        return config.getSequence();
    }

    /** The policy at the path, or Fabric's rejecting policy when the config lacks it. */
    public Policy policy(String path) {
        try {
            return policies.policy(path);
        } catch (PolicyException e) {
            return Policy.REJECT;
        }
    }

    /** Whether the signatures, counted once per valid identity known to the channel, satisfy the policy. */
    public boolean satisfied(String policyPath, List<SignedData> signatures) {
        return policy(policyPath).evaluate(msps.verifiedSigners(signatures));
    }

    private static java.util.Optional<FabricMSPConfig> mspConfig(ConfigGroup org) {
        ConfigValue value = org.getValuesMap().get("MSP");
        if (value == null) {
            return java.util.Optional.empty();
        }
        try {
            MSPConfig msp = MSPConfig.parseFrom(value.getValue());
            return msp.getType() == 0 ? java.util.Optional.of(FabricMSPConfig.parseFrom(msp.getConfig())) : java.util.Optional.empty();
        } catch (InvalidProtocolBufferException e) {
            throw new SandboxException("cannot decode an MSP of the channel config: " + e.getMessage(), e);
        }
    }

    private static List<String> addresses(ConfigValue value) {
        if (value == null) {
            return List.of();
        }
        try {
            return OrdererAddresses.parseFrom(value.getValue()).getAddressesList();
        } catch (InvalidProtocolBufferException e) {
            throw new SandboxException("cannot decode orderer addresses: " + e.getMessage(), e);
        }
    }

}
