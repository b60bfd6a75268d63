package io.baas.fabric.transaction;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;

/**
 * Proposals to the peer's system chaincodes, shaped as the peer CLI shapes them: {@code cscc} and
 * {@code qscc} with spec type GOLANG, peer-scoped calls with an empty channel id, and {@code JoinChain}
 * with header type CONFIG. {@code _lifecycle} proposals are built in the lifecycle package.
 */
public final class SystemChaincodes {

    public static final String CSCC = "cscc";
    public static final String QSCC = "qscc";

    private SystemChaincodes() {
    }

    /** {@code peer channel join}: cscc JoinChain with the channel's genesis (or latest config) block. */
    public static ProposalRequest joinChannel(ByteString configBlock) {
        return new ProposalRequest(HeaderType.CONFIG, "", system(CSCC, List.of(utf8("JoinChain"), configBlock)));
    }

    /** {@code peer channel list}: the channels the peer has joined. */
    public static ProposalRequest joinedChannels() {
        return peerScoped(CSCC, "GetChannels");
    }

    /** {@code peer channel getinfo}: height and current and previous block hashes. */
    public static ProposalRequest chainInfo(String channelId) {
        return peerScoped(QSCC, "GetChainInfo", channelId);
    }

    public static ProposalRequest blockByNumber(String channelId, long number) {
        return peerScoped(QSCC, "GetBlockByNumber", channelId, Long.toUnsignedString(number));
    }

    public static ProposalRequest transactionById(String channelId, String txId) {
        return peerScoped(QSCC, "GetTransactionByID", channelId, txId);
    }

    /** qscc GetBlockByHash: the hash as raw bytes, as the peer CLI's callers pass it. */
    public static ProposalRequest blockByHash(String channelId, ByteString headerHash) {
        return new ProposalRequest(HeaderType.ENDORSER_TRANSACTION, "",
                system(QSCC, List.of(utf8("GetBlockByHash"), utf8(channelId), headerHash)));
    }

    public static ProposalRequest blockByTxId(String channelId, String txId) {
        return peerScoped(QSCC, "GetBlockByTxID", channelId, txId);
    }

    private static ProposalRequest peerScoped(String chaincode, String... args) {
        return new ProposalRequest(HeaderType.ENDORSER_TRANSACTION, "",
                system(chaincode, Arrays.stream(args).map(SystemChaincodes::utf8).toList()));
    }

    private static ChaincodeInvocation system(String chaincode, List<ByteString> args) {
        return new ChaincodeInvocation(chaincode, ChaincodeSpec.Type.GOLANG, args, false, Map.of());
    }

    private static ByteString utf8(String text) {
        return ByteString.copyFromUtf8(text);
    }
}
