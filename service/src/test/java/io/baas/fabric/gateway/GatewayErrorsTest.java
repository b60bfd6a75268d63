package io.baas.fabric.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import io.baas.api.ApiError;
import io.baas.api.ErrorMappers;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

/** fabric-gateway's failures in the project's terms, the peers' own messages kept, and as API answers. */
class GatewayErrorsTest {

    private static StatusRuntimeException status(com.google.rpc.Code code, String message, ErrorDetail... details) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(message);
        for (ErrorDetail detail : details) {
            status.addDetails(Any.pack(detail));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    @Test
    void aChaincodeRefusalNamesEachPeerAndWhatItSaid() {
        EndorseException refused = new EndorseException("tx1", status(com.google.rpc.Code.ABORTED,
                "failed to endorse transaction, see attached details for more info",
                ErrorDetail.newBuilder().setAddress("peer0.org1:7051").setMspId("Org1MSP")
                        .setMessage("chaincode response 500, asset a1 does not exist").build()));
        FabricGatewayException mapped = GatewayErrors.of(refused);
        assertThat(mapped.kind()).isEqualTo(FabricGatewayException.Kind.ENDORSEMENT_FAILED);
        assertThat(mapped.transactionId()).contains("tx1");
        assertThat(mapped.peers()).containsExactly(new FabricGatewayException.PeerError("peer0.org1:7051", "Org1MSP",
                "chaincode response 500, asset a1 does not exist"));
        assertThat(mapped.getMessage()).contains("failed to endorse", "peer0.org1:7051 (Org1MSP): chaincode response 500, asset a1 does not exist");
        assertThat(GatewayErrors.retryable(refused)).isFalse();
        assertThat(mapped.chaincodeError()).contains(new ChaincodeError(500, java.util.Optional.empty(), "asset a1 does not exist"));

        ApiError answer = (ApiError) new ErrorMappers().fabricGateway(mapped).getEntity();
        assertThat(answer.code()).isEqualTo(422);
        assertThat(answer.reason()).isEqualTo("EndorsementFailed");
        assertThat(answer.message()).contains("asset a1 does not exist");
    }

    @Test
    void anEvaluationNamesItsPeerWithoutRepeatingWhatItSaid() {
        GatewayException refused = new GatewayException(status(com.google.rpc.Code.UNKNOWN,
                "evaluate call to endorser returned error: chaincode response 500, EVIDENCE_NOT_FOUND: evidence x does not exist",
                ErrorDetail.newBuilder().setAddress("peer0.org1:7051").setMspId("Org1MSP")
                        .setMessage("chaincode response 500, EVIDENCE_NOT_FOUND: evidence x does not exist").build()));
        FabricGatewayException mapped = GatewayErrors.of(refused);
        assertThat(mapped.getMessage()).isEqualTo("evaluate call to endorser returned error: chaincode response 500, "
                + "EVIDENCE_NOT_FOUND: evidence x does not exist: peer0.org1:7051 (Org1MSP)");
        assertThat(mapped.chaincodeError().orElseThrow().code()).contains("EVIDENCE_NOT_FOUND");
        assertThat(GatewayErrors.of(new GatewayException(status(com.google.rpc.Code.ABORTED, "failed to endorse",
                ErrorDetail.newBuilder().setAddress("p:1").setMspId("Org1MSP").setMessage("access denied").build()))).chaincodeError())
                .as("the peer refused, not the chaincode").isEmpty();
    }

    @Test
    void noPeerIsUnavailableAndMayBeTriedAgainOnlyBeforeOrdering() {
        EndorseException noPeer = new EndorseException("tx2", status(com.google.rpc.Code.UNAVAILABLE, "no peers available"));
        assertThat(GatewayErrors.of(noPeer).kind()).isEqualTo(FabricGatewayException.Kind.UNAVAILABLE);
        assertThat(GatewayErrors.retryable(noPeer)).isTrue();
        assertThat(GatewayErrors.retryable(new GatewayException(status(com.google.rpc.Code.UNAVAILABLE, "down")))).as("evaluate").isTrue();

        SubmitException ordererDown = new SubmitException("tx3", status(com.google.rpc.Code.UNAVAILABLE, "no orderer"));
        assertThat(GatewayErrors.retryable(ordererDown)).as("it may have been ordered").isFalse();
        SubmitException refused = new SubmitException("tx4", status(com.google.rpc.Code.ABORTED, "received unsuccessful response from orderer: FORBIDDEN"));
        assertThat(GatewayErrors.of(refused).kind()).isEqualTo(FabricGatewayException.Kind.NOT_ORDERED);
        assertThat(GatewayErrors.of(new GatewayException(status(com.google.rpc.Code.DEADLINE_EXCEEDED, "too slow"))).kind())
                .isEqualTo(FabricGatewayException.Kind.TIMEOUT);
    }

    @Test
    void aTransactionCommittedInvalidCarriesItsCode() {
        FabricGatewayException conflict = GatewayErrors.invalid("tx5", TxValidationCode.MVCC_READ_CONFLICT);
        assertThat(conflict.kind()).isEqualTo(FabricGatewayException.Kind.MVCC_CONFLICT);
        assertThat(conflict.validationCode()).contains(TxValidationCode.MVCC_READ_CONFLICT);
        assertThat(((ApiError) new ErrorMappers().fabricGateway(conflict).getEntity()).code()).isEqualTo(409);

        FabricGatewayException policy = GatewayErrors.invalid("tx6", TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        assertThat(policy.kind()).isEqualTo(FabricGatewayException.Kind.INVALIDATED);
        assertThat(policy.getMessage()).contains("tx6", "ENDORSEMENT_POLICY_FAILURE");
    }
}
