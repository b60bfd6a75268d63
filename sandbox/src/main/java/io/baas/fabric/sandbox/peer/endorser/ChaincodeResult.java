package io.baas.fabric.sandbox.peer.endorser;

import java.util.Optional;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.Response;

/** What a chaincode answered, and the event it set. */
public record ChaincodeResult(Response response, Optional<ChaincodeEvent> event) {

    public static ChaincodeResult success(com.google.protobuf.ByteString payload) {
        return new ChaincodeResult(Response.newBuilder().setStatus(200).setPayload(payload).build(), Optional.empty());
    }

    public static ChaincodeResult error(int status, String message) {
        return new ChaincodeResult(Response.newBuilder().setStatus(status).setMessage(message).build(), Optional.empty());
    }

    public static ChaincodeResult error(String message) {
        return error(500, message);
    }
}
