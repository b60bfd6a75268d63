package io.baas.fabric.sandbox.peer.scc;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.fabric.sandbox.peer.channel.PeerChannel;
import io.baas.fabric.sandbox.peer.channel.PeerChannels;
import io.baas.fabric.sandbox.peer.endorser.Acl;
import io.baas.fabric.sandbox.peer.endorser.ChaincodeResult;
import io.baas.fabric.sandbox.peer.endorser.Chaincodes;
import io.baas.fabric.sandbox.peer.endorser.Invocation;
import io.baas.fabric.sandbox.peer.ledger.PeerLedger;
import io.baas.fabric.sandbox.peer.ledger.TransactionLocation;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;

/**
 * The ledger query system chaincode, with Fabric's arguments (function, channel, argument), its
 * answers (BlockchainInfo, Block, ProcessedTransaction) and its ACL (qscc/&lt;function&gt; =
 * /Channel/Application/Readers of the channel named in the arguments).
 */
public final class Qscc implements Chaincodes.SystemChaincode {

    public static final String NAME = "qscc";

    private final PeerChannels channels;
    private final Acl acl;

    public Qscc(PeerChannels channels, Acl acl) {
        this.channels = channels;
        this.acl = acl;
    }

    @Override
    public ChaincodeResult invoke(Invocation invocation) {
        List<ByteString> args = invocation.proposal().args();
        if (args.size() < 2) {
            return ChaincodeResult.error("Incorrect number of arguments, " + args.size());
        }
        String function = args.get(0).toStringUtf8();
        String channelId = args.get(1).toStringUtf8();
        if (!function.equals("GetChainInfo") && args.size() < 3) {
            return ChaincodeResult.error("missing 3rd argument for " + function);
        }
        Optional<PeerChannel> found = channels.channel(channelId);
        if (found.isEmpty()) {
            return ChaincodeResult.error("Invalid chain ID, " + channelId);
        }
        PeerChannel channel = found.get();
        try {
            acl.check("qscc/" + function, channel, invocation.proposal(), Acl.readers());
        } catch (Acl.AclException e) {
            return ChaincodeResult.error("authorization request for [" + function + "] on channel [" + channelId + "] failed: "
                    + e.getMessage());
        }
        PeerLedger ledger = channel.peerLedger();
        return switch (function) {
            case "GetChainInfo" -> ChaincodeResult.success(ledger.info().toByteString());
            case "GetBlockByNumber" -> blockByNumber(ledger, args.get(2).toStringUtf8());
            case "GetBlockByHash" -> ledger.blockByHash(args.get(2))
                    .map(block -> ChaincodeResult.success(block.toByteString()))
                    .orElseGet(() -> ChaincodeResult.error("Failed to get block hash " + args.get(2).toStringUtf8()
                            + ", error no such block hash"));
            case "GetTransactionByID" -> transaction(ledger, args.get(2).toStringUtf8());
            case "GetBlockByTxID" -> {
                String txId = args.get(2).toStringUtf8();
                yield ledger.transaction(txId).flatMap(location -> ledger.block(location.blockNumber()))
                        .map(block -> ChaincodeResult.success(block.toByteString()))
                        .orElseGet(() -> ChaincodeResult.error("Failed to get block for txID " + txId + ", error no such transaction ID ["
                                + txId + "] in index"));
            }
            default -> ChaincodeResult.error("Requested function " + function + " not found.");
        };
    }

    private static ChaincodeResult blockByNumber(PeerLedger ledger, String text) {
        long number;
        try {
            number = Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            return ChaincodeResult.error("Failed to parse block number with error " + e.getMessage());
        }
        Optional<Block> block = ledger.block(number);
        return block.map(b -> ChaincodeResult.success(b.toByteString()))
                .orElseGet(() -> ChaincodeResult.error("Failed to get block number " + Long.toUnsignedString(number)
                        + ", error entry not found in index"));
    }

    private static ChaincodeResult transaction(PeerLedger ledger, String txId) {
        Optional<TransactionLocation> location = ledger.transaction(txId);
        if (location.isEmpty()) {
            return ChaincodeResult.error("Failed to get transaction with id " + txId + ", error no such transaction ID [" + txId
                    + "] in index");
        }
        Block block = ledger.block(location.get().blockNumber()).orElseThrow();
        try {
            Envelope envelope = Envelope.parseFrom(block.getData().getData(location.get().txNumber()));
            return ChaincodeResult.success(ProcessedTransaction.newBuilder()
                    .setTransactionEnvelope(envelope)
                    .setValidationCode(location.get().validationCode().getNumber())
                    .build().toByteString());
        } catch (InvalidProtocolBufferException e) {
            return ChaincodeResult.error("Failed to get transaction with id " + txId + ", error " + e.getMessage());
        }
    }
}
