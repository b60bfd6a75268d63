package io.baas.api;

import io.baas.iam.access.CurrentCaller;
import io.baas.k8s.DnsLabel;
import io.baas.webhook.DeadLetter;
import io.baas.webhook.NewWebhook;
import io.baas.webhook.WebhookView;
import io.baas.webhook.Webhooks;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * An application's webhooks: chaincode events of a channel its scopes name, POSTed to a receiver
 * in block order, at least once, signed with the application's keys (docs/open-api.md).
 */
@Path(ConsortiumResource.BASE + "/namespaces/{namespace}/applications/{application}/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    /** Where to replay from. */
    public record Replay(Long fromBlock) {
    }

    private final Webhooks webhooks;
    private final CurrentCaller caller;

    WebhookResource(Webhooks webhooks, CurrentCaller caller) {
        this.webhooks = webhooks;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The application's webhooks and where each one's delivery stands")
    public ListResult<WebhookView> list(@PathParam("namespace") @DnsLabel String namespace,
                                        @PathParam("application") @DnsLabel String application) {
        List<WebhookView> items = webhooks.list(namespace, application);
        return new ListResult<>(items, items.size());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe a receiver to a chaincode's events on a channel the application's scopes name",
            description = "{name, url (https://), channel, chaincode, eventName? (every event when left out), fromBlock? (0)}")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookView.class)))
    public Response create(@PathParam("namespace") @DnsLabel String namespace, @PathParam("application") @DnsLabel String application,
                           @NotNull NewWebhook request) {
        return Response.status(201).entity(webhooks.create(namespace, application, request, caller.get())).build();
    }

    @GET
    @Path("/{webhook}")
    @Operation(summary = "A webhook: its checkpoint, failed attempts, last error, counts")
    public WebhookView get(@PathParam("namespace") @DnsLabel String namespace, @PathParam("application") @DnsLabel String application,
                           @PathParam("webhook") @DnsLabel String webhook) {
        return webhooks.get(namespace, application, webhook);
    }

    @DELETE
    @Path("/{webhook}")
    @Operation(summary = "Delete a webhook and its dead letters")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("namespace") @DnsLabel String namespace, @PathParam("application") @DnsLabel String application,
                           @PathParam("webhook") @DnsLabel String webhook) {
        webhooks.delete(namespace, application, webhook);
        return Response.noContent().build();
    }

    @POST
    @Path("/{webhook}/replays")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Deliver again from a block ({\"fromBlock\": N}): events delivered before come again")
    public WebhookView replay(@PathParam("namespace") @DnsLabel String namespace, @PathParam("application") @DnsLabel String application,
                              @PathParam("webhook") @DnsLabel String webhook, @NotNull Replay replay) {
        return webhooks.replay(namespace, application, webhook, replay.fromBlock());
    }

    @GET
    @Path("/{webhook}/deadletters")
    @Operation(summary = "The events given up on after the configured attempts, oldest first")
    public ListResult<DeadLetter> deadLetters(@PathParam("namespace") @DnsLabel String namespace,
                                              @PathParam("application") @DnsLabel String application,
                                              @PathParam("webhook") @DnsLabel String webhook) {
        List<DeadLetter> items = webhooks.deadLetters(namespace, application, webhook);
        return new ListResult<>(items, items.size());
    }
}
