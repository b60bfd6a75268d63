package io.baas.fabric.sandbox.peer.endorser;

import io.baas.fabric.configtx.ChannelMsps;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.NodeRole;
import io.baas.fabric.sandbox.peer.channel.ChannelConfig;
import io.baas.fabric.sandbox.peer.channel.PeerChannel;
import java.util.List;

/**
 * Fabric's default ACLs as the peer applies them: channel resources map to channel policies
 * (/Channel/Application/Writers for proposals, Readers for queries and block events), channel-less
 * resources to the local MSP's Admins or Members.
 */
public final class Acl {

    private final ChannelMsps localMsp;

    public Acl(ChannelMsps localMsp) {
        this.localMsp = localMsp;
    }

    /** CheckACL on a channel: the proposal's signature must satisfy the policy. */
    public void check(String resource, PeerChannel channel, UnpackedProposal proposal, String policyPath) {
        if (!channel.config().satisfied(policyPath, List.of(proposal.signedData()))) {
            throw new AclException("access denied for [" + resource + "][" + channel.channelId() + "]: failed evaluating policy on"
                    + " signed data during check policy on channel [" + channel.channelId() + "] with policy [" + policyPath
                    + "]: [signature set did not satisfy policy]");
        }
    }

    /** CheckACLNoChannel: the creator must be a valid member (or admin) of the peer's own MSP, with a good signature. */
    public void checkLocal(String resource, UnpackedProposal proposal, boolean admin) {
        FabricIdentity creator = proposal.creator();
        String principal = admin ? "Admins" : "Members";
        if (!localMsp.isValid(creator) || !proposal.signedData().verify()) {
            throw new AclException("access denied for [" + resource + "]: Failed verifying that proposal's creator satisfies local MSP"
                    + " principal during channelless check policy with policy [" + principal + "]: [the identity is not valid"
                    + " under this MSP]");
        }
        if (admin && creator.role().orElse(null) != NodeRole.ADMIN) {
            throw new AclException("access denied for [" + resource + "]: Failed verifying that proposal's creator satisfies local MSP"
                    + " principal during channelless check policy with policy [Admins]: [The identity is not an admin under this MSP ["
                    + creator.mspId() + "]]");
        }
    }

    /** An ACL refusal; system chaincodes answer it with status 500. */
    public static final class AclException extends RuntimeException {
        public AclException(String message) {
            super(message);
        }
    }

    public static String readers() {
        return ChannelConfig.APPLICATION_READERS;
    }
}
