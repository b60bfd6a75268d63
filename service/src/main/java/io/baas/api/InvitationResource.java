package io.baas.api;

import io.baas.consortium.InvitationDecision;
import io.baas.consortium.InvitationService;
import io.baas.consortium.InvitationView;
import io.baas.consortium.NewInvitation;
import io.baas.iam.access.CurrentCaller;
import io.baas.k8s.DnsLabel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Invitations into consortia, as the two workspaces they join see them: the leader's sends and
 * withdraws, the invited one decides. Deciding is its own subresource ({@code decisions}), so a
 * role can be granted accepting without inviting.
 */
@Path(ConsortiumResource.BASE + "/workspaces/{workspace}/invitations")
@Produces(MediaType.APPLICATION_JSON)
public class InvitationResource {

    private static final Map<String, Comparator<InvitationView>> SORT_KEYS = Map.of(
            "createTime", Comparator.comparing(InvitationView::createTime).thenComparing(InvitationView::id),
            "expireTime", Comparator.comparing(InvitationView::expireTime).thenComparing(InvitationView::id),
            "consortium", Comparator.comparing(InvitationView::consortium).thenComparing(InvitationView::createTime));

    private final InvitationService invitations;
    private final CurrentCaller caller;

    InvitationResource(InvitationService invitations, CurrentCaller caller) {
        this.invitations = invitations;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List the invitations the workspace sent or received, with their history")
    public ListResult<InvitationView> list(@PathParam("workspace") @DnsLabel String workspace, @BeanParam ListQuery query) {
        return query.apply(invitations.list(workspace), SORT_KEYS);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Invite an organization of another workspace into a consortium this workspace leads",
            description = "Pending until the invited workspace decides, the leader withdraws it, or it expires (baas.consortia.invitation-ttl).")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InvitationView.class)))
    public Response invite(@PathParam("workspace") @DnsLabel String workspace, @Valid @NotNull NewInvitation request) {
        return Response.status(201).entity(invitations.invite(workspace, request, caller.get())).build();
    }

    @GET
    @Path("/{invitation}")
    @Operation(summary = "Read an invitation the workspace sent or received")
    public InvitationView get(@PathParam("workspace") @DnsLabel String workspace, @PathParam("invitation") String invitation) {
        return invitations.get(workspace, invitation);
    }

    @DELETE
    @Path("/{invitation}")
    @Operation(summary = "Withdraw a pending invitation the workspace sent (it stays on record as Withdrawn)")
    public InvitationView withdraw(@PathParam("workspace") @DnsLabel String workspace, @PathParam("invitation") String invitation) {
        return invitations.withdraw(workspace, invitation, caller.get());
    }

    @POST
    @Path("/{invitation}/decisions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Accept or reject an invitation the workspace received; accepting makes its organization a member")
    public InvitationView decide(@PathParam("workspace") @DnsLabel String workspace, @PathParam("invitation") String invitation,
                                 @Valid @NotNull InvitationDecision decision) {
        return invitations.decide(workspace, invitation, decision, caller.get());
    }
}
