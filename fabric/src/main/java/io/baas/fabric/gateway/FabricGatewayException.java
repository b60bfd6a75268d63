package io.baas.fabric.gateway;

import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A transaction or query that did not go through, in the project's terms, keeping what the peers
 * and the orderer said (their messages and, per endorsing peer, its address and MSP ID).
 */
public final class FabricGatewayException extends RuntimeException {

    public enum Kind {
        /** A peer's chaincode or the endorsement refused the proposal (chaincode error, access denied). */
        ENDORSEMENT_FAILED,
        /** Committed invalid because what it read had changed meanwhile: try again. */
        MVCC_CONFLICT,
        /** Committed invalid for another reason (the validation code says which). */
        INVALIDATED,
        /** The orderer did not take the transaction. */
        NOT_ORDERED,
        /** No answer within the deadline. */
        TIMEOUT,
        /** No peer (or orderer) could be reached. */
        UNAVAILABLE
    }

    /** What one peer said. */
    public record PeerError(String address, String mspId, String message) {

        /** The chaincode's own error in what the peer said, if the chaincode (not the peer) refused. */
        public Optional<ChaincodeError> chaincodeError() {
            return ChaincodeError.in(message);
        }
    }

    private final Kind kind;
    private final Optional<String> transactionId;
    private final Optional<TxValidationCode> validationCode;
    private final List<PeerError> peers;
    private final String gatewayMessage;

    FabricGatewayException(Kind kind, String message, Optional<String> transactionId, Optional<TxValidationCode> validationCode,
                           List<PeerError> peers, Throwable cause) {
        super(message, cause);
        this.gatewayMessage = message;
        this.kind = kind;
        this.transactionId = transactionId;
        this.validationCode = validationCode;
        this.peers = List.copyOf(peers);
    }

    public Kind kind() {
        return kind;
    }

    public Optional<String> transactionId() {
        return transactionId;
    }

    public Optional<TxValidationCode> validationCode() {
        return validationCode;
    }

    public List<PeerError> peers() {
        return peers;
    }

    /**
     * The chaincode's own error when the chaincode refused: what the first peer that ran it said,
     * else what the Gateway's own message carries (an evaluation names one peer).
     */
    public Optional<ChaincodeError> chaincodeError() {
        if (kind != Kind.ENDORSEMENT_FAILED) {
            return Optional.empty();
        }
        return peers.stream().map(PeerError::chaincodeError).flatMap(Optional::stream).findFirst()
                .or(() -> ChaincodeError.in(gatewayMessage));
    }
}
