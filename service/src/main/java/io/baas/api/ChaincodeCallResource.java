package io.baas.api;

import io.baas.apps.ChaincodeInvocation;
import io.baas.apps.ChannelCalls;
import io.baas.apps.FunctionResult;
import io.baas.fabric.gateway.FabricGateway;
import io.baas.iam.access.CurrentCaller;
import io.baas.k8s.DnsLabel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A member's own calls of a chaincode on a channel, signed with the client identity the
 * namespace's organization holds for the caller: a submission (endorsed, ordered, committed) by
 * those who may write, an evaluation (answered by the organization's peer, nothing written) by
 * whoever sees the project. A chaincode's refusal is its own error with a 4xx status.
 */
@Path(ConsortiumResource.BASE + "/namespaces/{namespace}/channels/{channel}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChaincodeCallResource {

    private final ChannelCalls calls;
    private final CurrentCaller caller;

    ChaincodeCallResource(ChannelCalls calls, CurrentCaller caller) {
        this.calls = calls;
        this.caller = caller;
    }

    @POST
    @Path("/chaincodesubmissions")
    @Operation(summary = "Submit a chaincode function as the caller: `{\"chaincode\", \"call\": {\"function\", \"arguments\", \"transient\"}}`; "
            + "answered once the transaction is committed valid, with its ID, block and the function's result")
    public FunctionResult submit(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel,
                                 @Valid @NotNull ChaincodeInvocation invocation) {
        FabricGateway.Committed committed = calls.submit(namespace, channel, invocation.toCall(), caller.get());
        return FunctionResult.of(committed.transactionId(), committed.blockNumber(), committed.result());
    }

    @POST
    @Path("/chaincodeevaluations")
    @Operation(summary = "Evaluate a chaincode function as the caller on the organization's peer: its result, nothing written")
    public FunctionResult evaluate(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel,
                                   @Valid @NotNull ChaincodeInvocation invocation) {
        return FunctionResult.of(null, null, calls.evaluate(namespace, channel, invocation.toCall(), caller.get()));
    }
}
