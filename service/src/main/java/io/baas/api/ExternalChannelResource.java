package io.baas.api;

import io.baas.explorer.ChannelExplorer;
import io.baas.explorer.ExplorerViews;
import io.baas.explorer.ExternalChannels;
import io.baas.explorer.NewExternalChannel;
import io.baas.k8s.DnsLabel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Channels of Fabric networks outside the platform, registered by platform admins to be browsed
 * with the same explorer: the registration (peers, a member identity held in a Secret, the config
 * block trusted), then the same reads as a member's channel, from the index.
 */
@Path(ConsortiumResource.BASE + "/externalchannels")
@Produces(MediaType.APPLICATION_JSON)
public class ExternalChannelResource {

    private final ExternalChannels externals;
    private final ChannelExplorer explorer;

    ExternalChannelResource(ExternalChannels externals, ChannelExplorer explorer) {
        this.externals = externals;
        this.explorer = explorer;
    }

    @GET
    @Operation(summary = "The registered external channels with their index's state (platform admins)")
    public ListResult<ExplorerViews.Ledger> list() {
        List<ExplorerViews.Ledger> all = externals.list();
        return new ListResult<>(all, all.size());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a channel of an outside Fabric 2.5 network: peers, a member identity (kept in a Secret), and the"
            + " config block the index trusts (platform admins)")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ExplorerViews.Ledger.class)))
    public Response register(@Valid @NotNull NewExternalChannel request) {
        return Response.status(Response.Status.CREATED).entity(externals.register(request)).build();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "A registered external channel with its index's state")
    public ExplorerViews.Ledger get(@PathParam("name") @DnsLabel String name) {
        return externals.get(name);
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Forget an external channel: its registration, its Secret and its index")
    @APIResponse(responseCode = "204", description = "Forgotten")
    public Response delete(@PathParam("name") @DnsLabel String name) {
        externals.delete(name);
        return Response.noContent().build();
    }

    @GET
    @Path("/{name}/statistics")
    @Operation(summary = "The external channel's index and its activity over a window, as for a member's channel")
    public ExplorerViews.Statistics statistics(@PathParam("name") @DnsLabel String name, @QueryParam("window") String window) {
        return explorer.statistics(explorer.external(name), window);
    }

    @GET
    @Path("/{name}/blocks")
    @Operation(summary = "The external channel's blocks, newest first, or the one with a header hash")
    public ListResult<ExplorerViews.BlockSummary> blocks(@PathParam("name") @DnsLabel String name, @QueryParam("page") String page,
                                                         @QueryParam("limit") String limit, @QueryParam("hash") String hash) {
        return ExplorerResource.blocks(explorer, explorer.external(name), page, limit, hash);
    }

    @GET
    @Path("/{name}/blocks/{number}")
    @Operation(summary = "A block of the external channel, with a page of its transactions in block order")
    public ExplorerViews.BlockDetail block(@PathParam("name") @DnsLabel String name, @PathParam("number") String number,
                                           @QueryParam("page") String page, @QueryParam("limit") String limit) {
        return explorer.block(explorer.external(name), QueryNumbers.parse("number", number, -1, 0, Long.MAX_VALUE), ExplorerResource.page(page),
                ExplorerResource.limit(limit));
    }

    @GET
    @Path("/{name}/transactions")
    @Operation(summary = "The external channel's transactions, newest first, with the filters of a member's channel")
    public ListResult<ExplorerViews.TransactionSummary> transactions(@PathParam("name") @DnsLabel String name,
                                                                     @QueryParam("chaincode") String chaincode,
                                                                     @QueryParam("creator") String creator,
                                                                     @QueryParam("status") String status,
                                                                     @QueryParam("from") String from, @QueryParam("to") String to,
                                                                     @QueryParam("key") String key,
                                                                     @QueryParam("page") String page, @QueryParam("limit") String limit) {
        return ExplorerResource.list(explorer.transactions(explorer.external(name), ExplorerResource.filter(chaincode, creator, status, from,
                to, key), ExplorerResource.page(page), ExplorerResource.limit(limit)));
    }

    @GET
    @Path("/{name}/transactions/{txId}")
    @Operation(summary = "A transaction of the external channel, with its details")
    public ExplorerViews.TransactionDetail transaction(@PathParam("name") @DnsLabel String name, @PathParam("txId") String txId) {
        return explorer.transaction(explorer.external(name), txId);
    }

    @GET
    @Path("/{name}/keys/{chaincode}/{key}/history")
    @Operation(summary = "The valid writes of a key on the external channel, newest first")
    public ListResult<ExplorerViews.KeyChange> keyHistory(@PathParam("name") @DnsLabel String name, @PathParam("chaincode") String chaincode,
                                                          @PathParam("key") String key, @QueryParam("page") String page,
                                                          @QueryParam("limit") String limit) {
        return ExplorerResource.list(explorer.keyHistory(explorer.external(name), chaincode, key, ExplorerResource.page(page),
                ExplorerResource.limit(limit)));
    }

    @GET
    @Path("/{name}/keys/{chaincode}/history")
    @Operation(summary = "The valid writes of a key named in the query on the external channel, newest first (composite keys too)")
    public ListResult<ExplorerViews.KeyChange> anyKeyHistory(@PathParam("name") @DnsLabel String name, @PathParam("chaincode") String chaincode,
                                                             @QueryParam("key") String key, @QueryParam("page") String page,
                                                             @QueryParam("limit") String limit) {
        return ExplorerResource.list(explorer.keyHistory(explorer.external(name), chaincode, key, ExplorerResource.page(page),
                ExplorerResource.limit(limit)));
    }

    @GET
    @Path("/{name}/search")
    @Operation(summary = "What q is on the external channel: a block number, a block hash or a transaction ID")
    public ExplorerViews.SearchResult search(@PathParam("name") @DnsLabel String name, @QueryParam("q") String q) {
        return explorer.search(explorer.external(name), q);
    }
}
