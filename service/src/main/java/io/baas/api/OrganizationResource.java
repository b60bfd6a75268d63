package io.baas.api;

import io.baas.crd.Organization;
import io.baas.iam.access.CurrentCaller;
import io.baas.k8s.DnsLabel;
import io.baas.organization.IdentityService;
import io.baas.organization.IdentityView;
import io.baas.organization.NewIdentity;
import io.baas.organization.NewOrganization;
import io.baas.organization.OrganizationService;
import io.baas.organization.Revocation;
import io.baas.organization.Wallet;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Organizations of a workspace and the identities the platform holds for them (证书托管). Each
 * permission has its own resource or subresource (docs/permissions.md): key exports are separate,
 * audited, and granted to no built-in role below workspace admin.
 */
@Path(ConsortiumResource.BASE + "/workspaces/{workspace}/organizations")
@Produces(MediaType.APPLICATION_JSON)
public class OrganizationResource {

    private static final Map<String, Comparator<Organization>> SORT_KEYS = ListQuery.byNameAndCreation(
            o -> o.getMetadata().getName(), o -> o.getMetadata().getCreationTimestamp());
    private static final Map<String, Comparator<IdentityView>> IDENTITY_SORT_KEYS = Map.of(
            "name", Comparator.comparing(IdentityView::name),
            // Identities carry no creation time of their own; a later expiry means a later issue.
            "createTime", Comparator.comparing(IdentityView::notAfter).thenComparing(IdentityView::name));

    private final OrganizationService organizations;
    private final IdentityService identities;
    private final CurrentCaller caller;

    OrganizationResource(OrganizationService organizations, IdentityService identities, CurrentCaller caller) {
        this.organizations = organizations;
        this.identities = identities;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List the workspace's organizations")
    public ListResult<Organization> list(@PathParam("workspace") @DnsLabel String workspace, @BeanParam ListQuery query) {
        return query.apply(organizations.list(workspace), SORT_KEYS);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an organization with its signing CA and TLS CA",
            description = "Answers the Organization as created; the reconciler then writes its status (Ready, the CA certificates).")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Organization.class)))
    public Response create(@PathParam("workspace") @DnsLabel String workspace, @Valid @NotNull NewOrganization request) {
        return Response.status(201).entity(organizations.create(workspace, request)).build();
    }

    @GET
    @Path("/{organization}")
    @Operation(summary = "Read an organization, with its public CA certificates")
    public Organization get(@PathParam("workspace") @DnsLabel String workspace,
                            @PathParam("organization") @DnsLabel String organization) {
        return organizations.get(workspace, organization);
    }

    @DELETE
    @Path("/{organization}")
    @Operation(summary = "Delete an organization that no consortium uses, with its CAs and identities")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("workspace") @DnsLabel String workspace,
                           @PathParam("organization") @DnsLabel String organization) {
        organizations.delete(workspace, organization);
        return Response.noContent().build();
    }

    @GET
    @Path("/{organization}/identities")
    @Operation(summary = "List the identities held for the organization (certificates, never keys)")
    public ListResult<IdentityView> identities(@PathParam("workspace") @DnsLabel String workspace,
                                               @PathParam("organization") @DnsLabel String organization,
                                               @BeanParam ListQuery query) {
        return query.apply(identities.list(organizations.get(workspace, organization)), IDENTITY_SORT_KEYS);
    }

    @POST
    @Path("/{organization}/identities")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue a user, client or admin identity")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IdentityView.class)))
    public Response issue(@PathParam("workspace") @DnsLabel String workspace,
                          @PathParam("organization") @DnsLabel String organization,
                          @Valid @NotNull NewIdentity request) {
        return Response.status(201).entity(identities.issue(organizations.get(workspace, organization), request)).build();
    }

    @POST
    @Path("/{organization}/revocations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke an identity for good")
    public IdentityView revoke(@PathParam("workspace") @DnsLabel String workspace,
                               @PathParam("organization") @DnsLabel String organization,
                               @Valid @NotNull Revocation request) {
        return identities.revoke(organizations.get(workspace, organization), request, caller.get());
    }

    @POST
    @Path("/{organization}/identityexports/{identity}")
    @Operation(summary = "Export an identity with its private keys and a connection profile (organization admins; audited)")
    public Wallet export(@PathParam("workspace") @DnsLabel String workspace,
                         @PathParam("organization") @DnsLabel String organization,
                         @PathParam("identity") @DnsLabel String identity) {
        return identities.export(organizations.get(workspace, organization), identity, caller.get());
    }

    @POST
    @Path("/{organization}/nodeexports/{identity}")
    @Produces("application/zip")
    @Operation(summary = "A peer's or orderer's material (msp/ with its key, tls/) as a zip (organization admins; audited)")
    @APIResponse(responseCode = "200", description = "A zip archive", content = @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response node(@PathParam("workspace") @DnsLabel String workspace,
                         @PathParam("organization") @DnsLabel String organization,
                         @PathParam("identity") @DnsLabel String identity) {
        return Response.ok(identities.nodeZip(organizations.get(workspace, organization), identity, caller.get()))
                .header("Content-Disposition", "attachment; filename=\"" + identity + ".zip\"")
                .build();
    }

    @POST
    @Path("/{organization}/mspexports")
    @Produces("application/zip")
    @Operation(summary = "The organization's MSP folder in Fabric's layout, as a zip (organization admins; audited)")
    @APIResponse(responseCode = "200", description = "A zip archive", content = @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response msp(@PathParam("workspace") @DnsLabel String workspace,
                        @PathParam("organization") @DnsLabel String organization) {
        return Response.ok(identities.mspZip(organizations.get(workspace, organization)))
                .header("Content-Disposition", "attachment; filename=\"" + organization + "-msp.zip\"")
                .build();
    }
}
