package io.baas.fabric.sandbox.peer.scc;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.fabric.sandbox.SandboxException;
import io.baas.fabric.sandbox.peer.channel.PeerChannel;
import io.baas.fabric.sandbox.peer.channel.PeerChannels;
import io.baas.fabric.sandbox.peer.endorser.Acl;
import io.baas.fabric.sandbox.peer.endorser.ChaincodeResult;
import io.baas.fabric.sandbox.peer.endorser.Chaincodes;
import io.baas.fabric.sandbox.peer.endorser.Invocation;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.ChannelInfo;
import org.hyperledger.fabric.protos.peer.ChannelQueryResponse;

/**
 * The configuration system chaincode: JoinChain (local Admins; creates the ledger from the genesis
 * block and starts pulling blocks), GetChannels (local Members) and GetConfigBlock (the channel's
 * Readers), with Fabric's argument layout and answers.
 */
public final class Cscc implements Chaincodes.SystemChaincode {

    public static final String NAME = "cscc";

    private final PeerChannels channels;
    private final Acl acl;

    public Cscc(PeerChannels channels, Acl acl) {
        this.channels = channels;
        this.acl = acl;
    }

    @Override
    public ChaincodeResult invoke(Invocation invocation) {
        List<ByteString> args = invocation.proposal().args();
        if (args.isEmpty()) {
            return ChaincodeResult.error("Incorrect number of arguments, 0");
        }
        String function = args.get(0).toStringUtf8();
        try {
            return switch (function) {
                case "JoinChain" -> join(invocation, args);
                case "GetChannels" -> {
                    acl.checkLocal("cscc/GetChannels", invocation.proposal(), false);
                    ChannelQueryResponse.Builder response = ChannelQueryResponse.newBuilder();
                    channels.channelIds().forEach(id -> response.addChannels(ChannelInfo.newBuilder().setChannelId(id)));
                    yield ChaincodeResult.success(response.build().toByteString());
                }
                case "GetConfigBlock" -> configBlock(invocation, args);
                default -> ChaincodeResult.error("Requested function " + function + " not found.");
            };
        } catch (Acl.AclException e) {
            return ChaincodeResult.error(e.getMessage());
        }
    }

    private ChaincodeResult join(Invocation invocation, List<ByteString> args) {
        if (args.size() < 2 || args.get(1).isEmpty()) {
            return ChaincodeResult.error("Cannot join the channel <nil> configuration block provided");
        }
        Block block;
        try {
            block = Block.parseFrom(args.get(1));
        } catch (InvalidProtocolBufferException e) {
            return ChaincodeResult.error("Failed to reconstruct the genesis block, " + e.getMessage());
        }
        acl.checkLocal("cscc/JoinChain", invocation.proposal(), true);
        try {
            channels.join(block);
            return ChaincodeResult.success(ByteString.EMPTY);
        } catch (SandboxException e) {
            return ChaincodeResult.error(e.getMessage());
        }
    }

    private ChaincodeResult configBlock(Invocation invocation, List<ByteString> args) {
        if (args.size() < 2) {
            return ChaincodeResult.error("Incorrect number of arguments, " + args.size());
        }
        String channelId = args.get(1).toStringUtf8();
        PeerChannel channel = channels.channel(channelId).orElse(null);
        if (channel == null) {
            return ChaincodeResult.error("Unknown chain ID, " + channelId);
        }
        acl.check("cscc/GetConfigBlock", channel, invocation.proposal(), Acl.readers());
        return channel.peerLedger().block(channel.lastConfigBlock())
                .map(block -> ChaincodeResult.success(block.toByteString()))
                .orElseGet(() -> ChaincodeResult.error("Failed to get config block for channel " + channelId));
    }
}
