package io.baas.fabric.transaction;

import org.hyperledger.fabric.protos.common.HeaderType;

/**
 * Everything a proposal says apart from who makes it and when: the header type, the channel
 * (empty for peer-scoped calls such as install or join) and the invocation.
 */
public record ProposalRequest(HeaderType headerType, String channelId, ChaincodeInvocation invocation) {

    public ProposalRequest {
        if (headerType != HeaderType.ENDORSER_TRANSACTION && headerType != HeaderType.CONFIG) {
            // CONFIG is what the peer CLI sends for cscc JoinChain; everything else is an endorser transaction.
            throw new TransactionException("a chaincode proposal is an ENDORSER_TRANSACTION or CONFIG, not " + headerType);
        }
        channelId = channelId == null ? "" : channelId;
    }

    /** A chaincode invocation on a channel, the proposal of every transaction that reaches a block. */
    public static ProposalRequest invoke(String channelId, ChaincodeInvocation invocation) {
        if (channelId == null || channelId.isEmpty()) {
            throw new TransactionException("a chaincode invocation needs a channel");
        }
        return new ProposalRequest(HeaderType.ENDORSER_TRANSACTION, channelId, invocation);
    }
}
