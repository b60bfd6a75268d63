package io.baas.fabric.gateway;

import io.grpc.Status;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.TransactionException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** fabric-gateway's exceptions as {@link FabricGatewayException}s, the peers' own words kept. */
final class GatewayErrors {

    private GatewayErrors() {
    }

    static FabricGatewayException of(GatewayException e) {
        Optional<String> txId = e instanceof TransactionException t ? Optional.ofNullable(t.getTransactionId()) : Optional.empty();
        List<FabricGatewayException.PeerError> peers = e.getDetails().stream().map(GatewayErrors::peer).toList();
        FabricGatewayException.Kind kind = switch (e.getStatus().getCode()) {
            case DEADLINE_EXCEEDED -> FabricGatewayException.Kind.TIMEOUT;
            case UNAVAILABLE -> FabricGatewayException.Kind.UNAVAILABLE;
            default -> e instanceof SubmitException ? FabricGatewayException.Kind.NOT_ORDERED : FabricGatewayException.Kind.ENDORSEMENT_FAILED;
        };
        return new FabricGatewayException(kind, message(e.getStatus(), peers), txId, Optional.empty(), peers, e);
    }

    static FabricGatewayException of(GatewayRuntimeException e) {
        FabricGatewayException.Kind kind = switch (e.getStatus().getCode()) {
            case DEADLINE_EXCEEDED -> FabricGatewayException.Kind.TIMEOUT;
            case UNAVAILABLE -> FabricGatewayException.Kind.UNAVAILABLE;
            default -> FabricGatewayException.Kind.ENDORSEMENT_FAILED;
        };
        List<FabricGatewayException.PeerError> peers = e.getDetails().stream().map(GatewayErrors::peer).toList();
        return new FabricGatewayException(kind, message(e.getStatus(), peers), Optional.empty(), Optional.empty(), peers, e);
    }

    /** A transaction the peer committed with a validation code other than VALID. */
    static FabricGatewayException invalid(String transactionId, TxValidationCode code) {
        boolean conflict = code == TxValidationCode.MVCC_READ_CONFLICT || code == TxValidationCode.PHANTOM_READ_CONFLICT;
        return new FabricGatewayException(conflict ? FabricGatewayException.Kind.MVCC_CONFLICT : FabricGatewayException.Kind.INVALIDATED,
                "transaction " + transactionId + " was committed invalid: " + code, Optional.of(transactionId),
                Optional.of(code), List.of(), null);
    }

    /** Whether nothing can have reached the ledger, so the call may be tried again. */
    static boolean retryable(GatewayException e) {
        return e.getStatus().getCode() == Status.Code.UNAVAILABLE && (e instanceof EndorseException || !(e instanceof TransactionException));
    }

    private static FabricGatewayException.PeerError peer(ErrorDetail detail) {
        return new FabricGatewayException.PeerError(detail.getAddress(), detail.getMspId(), detail.getMessage());
    }

    private static String message(Status status, List<FabricGatewayException.PeerError> peers) {
        String own = status.getDescription() == null ? status.getCode().name() : status.getDescription();
        if (peers.isEmpty()) {
            return own;
        }
        // An evaluation's own message already quotes its one peer: name the peer, do not repeat it.
        return own + ": " + peers.stream().map(p -> p.address() + " (" + p.mspId() + ")" + (own.contains(p.message()) ? "" : ": " + p.message()))
                .collect(Collectors.joining("; "));
    }
}
