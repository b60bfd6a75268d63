package io.baas.api;

import io.baas.apps.AssetAccount;
import io.baas.apps.AssetEvents;
import io.baas.apps.AssetMovements;
import io.baas.apps.AssetTransaction;
import io.baas.apps.AssetTransfers;
import io.baas.apps.AssetsOverview;
import io.baas.apps.NewAssetMovement;
import io.baas.iam.access.CurrentCaller;
import io.baas.k8s.DnsLabel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Asset transfer (资产转账) on a channel, each account one user's client identity of an
 * organization: issues (minter organizations only), transfers, balances and histories.
 */
@Path(ConsortiumResource.BASE + "/namespaces/{namespace}/channels/{channel}/assets")
@Produces(MediaType.APPLICATION_JSON)
public class AssetResource {

    private final AssetTransfers assets;
    private final CurrentCaller caller;

    AssetResource(AssetTransfers assets, CurrentCaller caller) {
        this.assets = assets;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The asset's minters, its total supply, and the caller's own account")
    public AssetsOverview overview(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel) {
        return assets.overview(namespace, channel, caller.get());
    }

    @GET
    @Path("/balances")
    @Operation(summary = "The balance of an account (mspId and clientId), the caller's own when none is named")
    public AssetAccount balance(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel,
                                @QueryParam("mspId") String mspId, @QueryParam("clientId") String clientId) {
        return assets.balance(namespace, channel, mspId, clientId, caller.get());
    }

    @GET
    @Path("/movements")
    @Operation(summary = "A page of an account's movements, oldest first; the caller's own account when none is named",
            description = "limit 1–100 (default 20); continue is the previous page's continueToken.")
    public AssetMovements movements(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel,
                                    @QueryParam("mspId") String mspId, @QueryParam("clientId") String clientId,
                                    @QueryParam("limit") String limit, @QueryParam("continue") String continueToken) {
        return assets.movements(namespace, channel, mspId, clientId, (int) QueryNumbers.parse("limit", limit, 20, Integer.MIN_VALUE, Integer.MAX_VALUE),
                continueToken, caller.get());
    }

    @GET
    @Path("/events")
    @Operation(summary = "The Issue and Transfer events committed from a block on, in block order; poll again from nextBlock",
            description = "fromBlock 0 or more (default 0), maxBlocks 1–100 (default 100): the blocks read in one answer.")
    public AssetEvents events(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel,
                              @QueryParam("fromBlock") String fromBlock, @QueryParam("maxBlocks") String maxBlocks) {
        return assets.events(namespace, channel, QueryNumbers.parse("fromBlock", fromBlock, 0, Long.MIN_VALUE, Long.MAX_VALUE),
                (int) QueryNumbers.parse("maxBlocks", maxBlocks, 100, Integer.MIN_VALUE, Integer.MAX_VALUE), caller.get());
    }

    @POST
    @Path("/issuances")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue new units to an account: the caller's organization must be a minter (403 NOT_MINTER otherwise)")
    @APIResponse(responseCode = "201", description = "Committed", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AssetTransaction.class)))
    public Response issue(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel,
                          @Valid @NotNull NewAssetMovement request) {
        return Response.status(201).entity(assets.issue(namespace, channel, request, caller.get())).build();
    }

    @POST
    @Path("/transfers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Transfer units from the caller's own account (409 INSUFFICIENT_BALANCE when it holds fewer)")
    @APIResponse(responseCode = "201", description = "Committed", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AssetTransaction.class)))
    public Response transfer(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel,
                             @Valid @NotNull NewAssetMovement request) {
        return Response.status(201).entity(assets.transfer(namespace, channel, request, caller.get())).build();
    }
}
