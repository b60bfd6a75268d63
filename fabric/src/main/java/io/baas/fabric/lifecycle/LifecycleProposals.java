package io.baas.fabric.lifecycle;

import io.baas.fabric.transaction.ChaincodeInvocation;
import io.baas.fabric.transaction.ProposalRequest;
import java.util.Map;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;

/**
 * Proposals to the peer's {@code _lifecycle} system chaincode, shaped as the peer CLI shapes them:
 * spec type UNDEFINED, and an empty channel id for the peer-scoped calls.
 */
public final class LifecycleProposals {

    private LifecycleProposals() {
    }

    /** A {@code _lifecycle} call on a channel: approve, check commit readiness, commit, query committed. */
    public static ProposalRequest onChannel(String channelId, LifecycleRequest request) {
        return ProposalRequest.invoke(channelId, invocation(request));
    }

    /** A peer-scoped {@code _lifecycle} call (install, query installed): no channel. */
    public static ProposalRequest onPeer(LifecycleRequest request) {
        return new ProposalRequest(HeaderType.ENDORSER_TRANSACTION, "", invocation(request));
    }

    private static ChaincodeInvocation invocation(LifecycleRequest request) {
        return new ChaincodeInvocation(LifecycleRequest.CHAINCODE, ChaincodeSpec.Type.UNDEFINED, request.args(), false, Map.of());
    }
}
