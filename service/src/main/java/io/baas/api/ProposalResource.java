package io.baas.api;

import io.baas.iam.access.CurrentCaller;
import io.baas.k8s.DnsLabel;
import io.baas.livechannel.NewProposal;
import io.baas.livechannel.PendingUpdateFileSchema;
import io.baas.livechannel.ProposalDecision;
import io.baas.livechannel.ProposalService;
import io.baas.livechannel.ProposalView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
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
 * A channel's proposals (config changes that need several organizations' signatures), from the
 * consortium namespace of an organization on the channel. Deciding is its own subresource
 * ({@code proposalsignatures}), so signing can be granted apart from proposing.
 */
@Path(ConsortiumResource.BASE + "/namespaces/{namespace}/channels/{channel}")
@Produces(MediaType.APPLICATION_JSON)
public class ProposalResource {

    private static final String UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
    private static final Map<String, Comparator<ProposalView>> SORT_KEYS = ListQuery.byNameAndCreation(
            ProposalView::id, ProposalView::createTime);

    private final ProposalService proposals;
    private final CurrentCaller caller;

    ProposalResource(ProposalService proposals, CurrentCaller caller) {
        this.proposals = proposals;
        this.caller = caller;
    }

    @GET
    @Path("/proposals")
    @Operation(summary = "List the channel's proposals: what each changes, who must sign, who signed or rejected, its state")
    public ListResult<ProposalView> list(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel,
                                         @BeanParam ListQuery query) {
        return query.apply(proposals.list(namespace, channel), SORT_KEYS);
    }

    @POST
    @Path("/proposals")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Propose a change of the channel's config that needs the members' signatures (add or remove an organization, batch settings, policies)")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProposalView.class)))
    public Response propose(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel,
                            @Valid @NotNull NewProposal request) {
        return Response.status(201).entity(proposals.propose(namespace, channel, request, caller.get())).build();
    }

    @GET
    @Path("/proposals/{proposal}")
    @Operation(summary = "Read a proposal of the channel")
    public ProposalView get(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel,
                            @PathParam("proposal") @Pattern(regexp = UUID, message = "must be a proposal ID") String proposal) {
        return proposals.get(namespace, channel, proposal);
    }

    @GET
    @Path("/proposals/{proposal}/update")
    @Operation(summary = "Download the proposal's update with its signatures so far, as the CLI's pending update file, to sign it elsewhere (channel update sign)")
    @APIResponse(responseCode = "200", description = "The pending update file", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PendingUpdateFileSchema.class)))
    public Response update(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel,
                           @PathParam("proposal") @Pattern(regexp = UUID, message = "must be a proposal ID") String proposal) {
        return Response.ok(proposals.updateFile(namespace, channel, proposal), MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"" + channel + "-" + proposal + ".pending.json\"").build();
    }

    @POST
    @Path("/proposalsignatures")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide on a proposal for the namespace's organization: sign with its held admin, upload a signature made with the CLI, or reject; the decision that meets the policies submits it")
    @APIResponse(responseCode = "201", description = "Decided", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProposalView.class)))
    public Response decide(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel,
                           @Valid @NotNull ProposalDecision request) {
        return Response.status(201).entity(proposals.decide(namespace, channel, request, caller.get())).build();
    }
}
