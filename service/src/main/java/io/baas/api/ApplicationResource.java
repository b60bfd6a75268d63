package io.baas.api;

import io.baas.application.AccessKeyView;
import io.baas.application.ApplicationChange;
import io.baas.application.ApplicationView;
import io.baas.application.Applications;
import io.baas.application.CreatedAccessKey;
import io.baas.application.DailyUsage;
import io.baas.application.KeyChange;
import io.baas.application.NewApplication;
import io.baas.iam.access.CurrentCaller;
import io.baas.k8s.DnsLabel;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Applications of the open API (an organization's programs that call {@code /openapi/v1} with
 * signed requests) and their access keys. A key's secret is in the answer that creates it, and in
 * no answer after.
 */
@Path(ConsortiumResource.BASE + "/namespaces/{namespace}/applications")
@Produces(MediaType.APPLICATION_JSON)
public class ApplicationResource {

    private static final String ACCESS_KEY = "^[A-Z0-9]{8,32}$";

    private final Applications applications;
    private final CurrentCaller caller;

    ApplicationResource(Applications applications, CurrentCaller caller) {
        this.applications = applications;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The namespace's applications, by name, with their keys (never a secret)")
    public ListResult<ApplicationView> list(@PathParam("namespace") @DnsLabel String namespace) {
        List<ApplicationView> items = applications.list(namespace);
        return new ListResult<>(items, items.size());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an application of the namespace's organization, with its scopes",
            description = "Scopes: [{channel, app: notarization|asset-transfer, operations: [notarize, verify, read | transfer, issue, read]}"
                    + " or {channel, chaincode, functions: [...]}, access: read-only|read-write]. A name in use is 409 with the"
                    + " application that has it.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApplicationView.class)))
    public Response create(@PathParam("namespace") @DnsLabel String namespace, @NotNull NewApplication request) {
        return Response.status(201).entity(applications.create(namespace, request, caller.get())).build();
    }

    @GET
    @Path("/{application}")
    @Operation(summary = "An application, its scopes and keys")
    public ApplicationView get(@PathParam("namespace") @DnsLabel String namespace, @PathParam("application") @DnsLabel String application) {
        return applications.get(namespace, application);
    }

    @PUT
    @Path("/{application}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an application's description or scopes; its next request is held to the new scopes")
    public ApplicationView update(@PathParam("namespace") @DnsLabel String namespace, @PathParam("application") @DnsLabel String application,
                                  @NotNull ApplicationChange change) {
        return applications.update(namespace, application, change);
    }

    @DELETE
    @Path("/{application}")
    @Operation(summary = "Delete an application and its keys")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("namespace") @DnsLabel String namespace, @PathParam("application") @DnsLabel String application) {
        applications.delete(namespace, application);
        return Response.noContent().build();
    }

    @GET
    @Path("/{application}/usage")
    @Operation(summary = "The application's calls per UTC day, newest first: all, succeeded, refused for its rate limit",
            description = "days 1–90 (default 7).")
    public ListResult<DailyUsage> usage(@PathParam("namespace") @DnsLabel String namespace,
                                        @PathParam("application") @DnsLabel String application, @QueryParam("days") String days) {
        List<DailyUsage> items = applications.usage(namespace, application, (int) QueryNumbers.parse("days", days, 7, 1, 90));
        return new ListResult<>(items, items.size());
    }

    @POST
    @Path("/{application}/keys")
    @Operation(summary = "Create an access key: its secret is in this answer only",
            description = "At most two keys are enabled at once, so that one can replace the other: 409 TooManyKeys otherwise.")
    @APIResponse(responseCode = "201", description = "Created; the secret is never shown again", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreatedAccessKey.class)))
    public Response createKey(@PathParam("namespace") @DnsLabel String namespace, @PathParam("application") @DnsLabel String application) {
        CreatedAccessKey created = applications.createKey(namespace, application, caller.get());
        return Response.status(201).entity(created).header("Cache-Control", "no-store").build();
    }

    @PUT
    @Path("/{application}/keys/{accessKey}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Disable or re-enable an access key ({\"enabled\": false|true})")
    public AccessKeyView changeKey(@PathParam("namespace") @DnsLabel String namespace, @PathParam("application") @DnsLabel String application,
                                   @PathParam("accessKey") @Pattern(regexp = ACCESS_KEY) String accessKey, @NotNull KeyChange change) {
        return applications.changeKey(namespace, application, accessKey, change);
    }

    @DELETE
    @Path("/{application}/keys/{accessKey}")
    @Operation(summary = "Delete an access key: requests signed with it are refused from now on")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response deleteKey(@PathParam("namespace") @DnsLabel String namespace, @PathParam("application") @DnsLabel String application,
                              @PathParam("accessKey") @Pattern(regexp = ACCESS_KEY) String accessKey) {
        applications.deleteKey(namespace, application, accessKey);
        return Response.noContent().build();
    }
}
