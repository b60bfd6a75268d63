package io.baas.fabric.sandbox.peer;

import io.baas.fabric.sandbox.SandboxException;
import io.baas.fabric.sandbox.peer.endorser.Endorser;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/** The peer's Endorser gRPC service: a refused proposal is a gRPC error with Fabric's message, everything else a ProposalResponse. */
final class EndorserService extends EndorserGrpc.EndorserImplBase {

    private final Endorser endorser;

    EndorserService(Endorser endorser) {
        this.endorser = endorser;
    }

    @Override
    public void processProposal(SignedProposal request, StreamObserver<ProposalResponse> responses) {
        ProposalResponse response;
        try {
            response = endorser.process(request);
        } catch (SandboxException e) {
            responses.onError(Status.UNKNOWN.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        responses.onNext(response);
        responses.onCompleted();
    }
}
