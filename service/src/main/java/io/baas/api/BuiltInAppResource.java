package io.baas.api;

import io.baas.apps.BuiltInAppView;
import io.baas.apps.BuiltInApps;
import io.baas.apps.NewBuiltInApp;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The business apps of a channel (notarization, asset transfer), from the namespace of an organization on it. */
@Path(ConsortiumResource.BASE + "/namespaces/{namespace}/channels/{channel}/builtinapps")
@Produces(MediaType.APPLICATION_JSON)
public class BuiltInAppResource {

    private final BuiltInApps apps;
    private final CurrentCaller caller;

    BuiltInAppResource(BuiltInApps apps, CurrentCaller caller) {
        this.apps = apps;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List the business apps and where each stands on the channel")
    public ListResult<BuiltInAppView> list(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel) {
        var items = apps.list(namespace, channel, caller.get());
        return new ListResult<>(items, items.size());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enable a business app on the channel: deploys its built-in chaincode (the organizations then approve it);"
            + " asked again once committed, asset transfer is initialized with its minters. Idempotent.")
    @APIResponse(responseCode = "201", description = "Deployed now", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BuiltInAppView.class)))
    @APIResponse(responseCode = "200", description = "Enabled before; initialized now where it was due", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BuiltInAppView.class)))
    public Response enable(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel,
                           @Valid @NotNull NewBuiltInApp request) {
        BuiltInApps.Enabled enabled = apps.enable(namespace, channel, request, caller.get());
        return Response.status(enabled.deployed() ? 201 : 200).entity(enabled.view()).build();
    }
}
