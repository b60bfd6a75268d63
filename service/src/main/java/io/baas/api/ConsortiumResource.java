package io.baas.api;

import io.baas.consortium.ConsortiumCreated;
import io.baas.consortium.ConsortiumOverview;
import io.baas.consortium.ConsortiumOverviews;
import io.baas.consortium.ConsortiumService;
import io.baas.consortium.NewConsortium;
import io.baas.crd.Consortium;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Consortia: all of them for platform admins, a workspace's own for its members. */
@Path(ConsortiumResource.BASE)
@Produces(MediaType.APPLICATION_JSON)
public class ConsortiumResource {

    static final String BASE = "/kapis/baas.io/v1";
    private static final Map<String, Comparator<Consortium>> SORT_KEYS = ListQuery.byNameAndCreation(
            c -> c.getMetadata().getName(), c -> c.getMetadata().getCreationTimestamp());

    private final ConsortiumService consortia;
    private final ConsortiumOverviews overviews;
    private final CurrentCaller caller;
    private final io.baas.explorer.ChannelExplorer explorer;

    ConsortiumResource(ConsortiumService consortia, ConsortiumOverviews overviews, CurrentCaller caller,
                       io.baas.explorer.ChannelExplorer explorer) {
        this.explorer = explorer;
        this.consortia = consortia;
        this.overviews = overviews;
        this.caller = caller;
    }

    @GET
    @Path("/consortia")
    @Operation(summary = "List every consortium of the platform (platform admins)")
    public ListResult<Consortium> listAll(@BeanParam ListQuery query) {
        return query.apply(consortia.all(), SORT_KEYS);
    }

    @GET
    @Path("/workspaces/{workspace}/consortia")
    @Operation(summary = "List the consortia that the workspace's organizations lead or belong to")
    public ListResult<Consortium> list(@PathParam("workspace") @DnsLabel String workspace, @BeanParam ListQuery query) {
        return query.apply(consortia.involving(workspace), SORT_KEYS);
    }

    @POST
    @Path("/workspaces/{workspace}/consortia")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Form a consortium led by one of the workspace's organizations",
            description = "Answers the Consortium as created and any notices (what the platform changed from the request and why);"
                    + " its reconciler then makes the leader's namespace, peers and orderers and reports in the status.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsortiumCreated.class)))
    public Response create(@PathParam("workspace") @DnsLabel String workspace, @Valid @NotNull NewConsortium request) {
        return Response.status(201).entity(consortia.create(workspace, request)).build();
    }

    @GET
    @Path("/workspaces/{workspace}/consortia/{consortium}")
    @Operation(summary = "Read a consortium the workspace leads or belongs to")
    public Consortium get(@PathParam("workspace") @DnsLabel String workspace, @PathParam("consortium") @DnsLabel String consortium) {
        return consortia.get(workspace, consortium);
    }

    @DELETE
    @Path("/workspaces/{workspace}/consortia/{consortium}")
    @Operation(summary = "Delete a consortium the workspace leads (with other members only with ?force=true)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("workspace") @DnsLabel String workspace, @PathParam("consortium") @DnsLabel String consortium,
                           @QueryParam("force") boolean force) {
        consortia.delete(workspace, consortium, force, caller.get());
        return Response.noContent().build();
    }

    @GET
    @Path("/workspaces/{workspace}/consortia/{consortium}/overview")
    @Operation(summary = "A consortium at a glance: members and namespaces, nodes, channels, nearest certificate expiry, recent events")
    public ConsortiumOverview overview(@PathParam("workspace") @DnsLabel String workspace,
                                       @PathParam("consortium") @DnsLabel String consortium) {
        return explorer.withLastBlocks(overviews.of(consortia.get(workspace, consortium)));
    }
}
