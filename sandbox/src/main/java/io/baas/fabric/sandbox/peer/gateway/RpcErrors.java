package io.baas.fabric.sandbox.peer.gateway;

import com.google.protobuf.Any;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/** Errors as Fabric's gateway sends them: a gRPC status with one ErrorDetail per node that failed. */
final class RpcErrors {

    private RpcErrors() {
    }

    static StatusRuntimeException error(com.google.rpc.Code code, String message, List<ErrorDetail> details) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(message);
        details.forEach(detail -> status.addDetails(Any.pack(detail)));
        return StatusProto.toStatusRuntimeException(status.build());
    }

    static StatusRuntimeException error(com.google.rpc.Code code, String message) {
        return error(code, message, List.of());
    }

    static ErrorDetail detail(String address, String mspId, String message) {
        return ErrorDetail.newBuilder().setAddress(address).setMspId(mspId).setMessage(message).build();
    }
}
