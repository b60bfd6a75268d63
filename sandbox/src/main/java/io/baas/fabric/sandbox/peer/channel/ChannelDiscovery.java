package io.baas.fabric.sandbox.peer.channel;

import io.baas.fabric.configtx.HostPort;
import io.baas.fabric.identity.FabricIdentity;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.peer.AnchorPeers;

/**
 * Where the channel's other organizations' peers are, as far as the channel config says: each
 * application organization's anchor peers and the TLS roots their certificates chain to. Fabric's
 * discovery starts from the same anchor peers (then learns more by gossip, which the sandbox has not).
 */
public final class ChannelDiscovery {

    /** An organization's anchor peers and the TLS CAs to trust when dialing them. */
    public record Organization(String mspId, List<HostPort> anchorPeers, List<X509Certificate> tlsRoots) {
    }

    private ChannelDiscovery() {
    }

    /** By MSP ID, in the config's order of organization names. */
    public static Map<String, Organization> organizations(Config config) {
        Map<String, Organization> organizations = new LinkedHashMap<>();
        ConfigGroup application = config.getChannelGroup().getGroupsMap().get("Application");
        if (application == null) {
            return organizations;
        }
        application.getGroupsMap().keySet().stream().sorted().forEach(name -> {
            ConfigGroup group = application.getGroupsMap().get(name);
            ConfigValue mspValue = group.getValuesMap().get("MSP");
            if (mspValue == null) {
                return;
            }
            try {
                FabricMSPConfig msp = FabricMSPConfig.parseFrom(MSPConfig.parseFrom(mspValue.getValue()).getConfig());
                List<X509Certificate> roots = new ArrayList<>();
                msp.getTlsRootCertsList().forEach(pem -> roots.add(FabricIdentity.parseCertificate(pem.toByteArray())));
                msp.getTlsIntermediateCertsList().forEach(pem -> roots.add(FabricIdentity.parseCertificate(pem.toByteArray())));
                List<HostPort> anchors = new ArrayList<>();
                ConfigValue anchorValue = group.getValuesMap().get("AnchorPeers");
                if (anchorValue != null) {
                    AnchorPeers.parseFrom(anchorValue.getValue()).getAnchorPeersList()
                            .forEach(anchor -> anchors.add(new HostPort(anchor.getHost(), anchor.getPort())));
                }
                organizations.put(msp.getName(), new Organization(msp.getName(), List.copyOf(anchors), List.copyOf(roots)));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new IllegalStateException("organization " + name + " has an unreadable MSP or anchor peers value", e);
            }
        });
        return organizations;
    }
}
