package io.baas.api;

import io.baas.iam.access.CurrentCaller;
import io.baas.k8s.DnsLabel;
import io.baas.livechannel.ChaincodeApproval;
import io.baas.livechannel.ChaincodeApprovalView;
import io.baas.livechannel.ChaincodeDeploymentView;
import io.baas.livechannel.ChaincodeDeployments;
import io.baas.livechannel.NewChaincodeDeployment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Chaincodes on a channel, from the consortium namespace of an organization on it: deploying and
 * upgrading ({@code chaincodes}), and each organization's approval ({@code chaincodeapprovals}, its
 * own subresource, so approving for an organization is granted apart from deploying).
 */
@Path(ConsortiumResource.BASE + "/namespaces/{namespace}/channels/{channel}")
@Produces(MediaType.APPLICATION_JSON)
public class ChaincodeDeploymentResource {

    private final ChaincodeDeployments deployments;
    private final CurrentCaller caller;

    ChaincodeDeploymentResource(ChaincodeDeployments deployments, CurrentCaller caller) {
        this.deployments = deployments;
        this.caller = caller;
    }

    @GET
    @Path("/chaincodes")
    @Operation(summary = "List the chaincodes deployed on the channel, with their definitions and lifecycle")
    public ListResult<ChaincodeDeploymentView> list(@PathParam("namespace") @DnsLabel String namespace,
                                                    @PathParam("channel") @DnsLabel String channel) {
        var items = deployments.list(namespace, channel);
        return new ListResult<>(items, items.size());
    }

    @POST
    @Path("/chaincodes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Deploy an approved chaincode version on the channel, or change the definition of one deployed",
            description = "The sequence is the committed one + 1 (a definition not yet committed keeps its sequence and is approved anew);"
                    + " a change of policy or collections alone is a new sequence too, and a rollback is a new sequence with the old version.")
    @APIResponse(responseCode = "201", description = "Deployed", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ChaincodeDeploymentView.class)))
    @APIResponse(responseCode = "200", description = "Changed, or already as asked", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ChaincodeDeploymentView.class)))
    public Response deploy(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel,
                           @Valid @NotNull NewChaincodeDeployment request) {
        ChaincodeDeployments.Deployed deployed = deployments.deploy(namespace, channel, request, caller.get());
        return Response.status(deployed.created() ? 201 : 200).entity(deployed.view()).build();
    }

    @GET
    @Path("/chaincodes/{chaincode}")
    @Operation(summary = "Read a chaincode deployed on the channel")
    public ChaincodeDeploymentView get(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel,
                                       @PathParam("chaincode") @Pattern(regexp = ChaincodePackageResource.CHAINCODE,
                                               message = "must be a chaincode name") String chaincode) {
        return deployments.get(namespace, channel, chaincode);
    }

    @GET
    @Path("/chaincodeapprovals")
    @Operation(summary = "Each chaincode's current definition (sequence, package ID, definition hash) and which organizations approved it or are still missing")
    public ListResult<ChaincodeApprovalView> approvals(@PathParam("namespace") @DnsLabel String namespace,
                                                       @PathParam("channel") @DnsLabel String channel) {
        var items = deployments.approvals(namespace, channel);
        return new ListResult<>(items, items.size());
    }

    @POST
    @Path("/chaincodeapprovals")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve a chaincode definition for the namespace's organization: exactly the sequence and definition hash the approvals show;"
            + " the platform then approves it on the channel with the organization's held admin (a key use on record)")
    @APIResponse(responseCode = "201", description = "Approved", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ChaincodeApprovalView.class)))
    public Response approve(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel,
                            @Valid @NotNull ChaincodeApproval request) {
        return Response.status(201).entity(deployments.approve(namespace, channel, request, caller.get())).build();
    }
}
