package io.baas.api;

import io.baas.chaincode.repository.ChaincodePackageView;
import io.baas.chaincode.repository.ChaincodeRepository;
import io.baas.chaincode.repository.NewPackageVersion;
import io.baas.chaincode.repository.PackageVersionView;
import io.baas.chaincode.repository.ReviewDecision;
import io.baas.iam.access.CurrentCaller;
import io.baas.k8s.DnsLabel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Comparator;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * A workspace's chaincode repository (链码仓库): chaincodes with their versions, uploaded as streamed
 * bodies (a CCaaS package, then its jar if the package names one) with their own size limit,
 * reviewed (合约审计) as their own subresource ({@code reviews}) so reviewing is granted apart from
 * uploading.
 */
@Path(ConsortiumResource.BASE + "/workspaces/{workspace}/chaincodepackages")
@Produces(MediaType.APPLICATION_JSON)
public class ChaincodePackageResource {

    /** Fabric's rule for chaincode names. */
    static final String CHAINCODE = "^(?=.{1,63}$)[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*$";
    private static final String CHAINCODE_MESSAGE = "must be a chaincode name: letters and digits with single '-' or '_' between, at most 63";
    private static final String VERSION_MESSAGE = "must be 1 to 64 letters, digits, '.', '_', '+' or '-'";
    private static final String GZIP = "application/gzip";
    private static final String JAR = "application/java-archive";
    private static final Map<String, Comparator<ChaincodePackageView>> SORT_KEYS = Map.of(
            "name", Comparator.comparing(ChaincodePackageView::name),
            "createTime", Comparator.comparing(ChaincodePackageView::createTime, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(ChaincodePackageView::name));

    private final ChaincodeRepository repository;
    private final CurrentCaller caller;

    ChaincodePackageResource(ChaincodeRepository repository, CurrentCaller caller) {
        this.repository = repository;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List the chaincodes the workspace's repository holds, with the platform's built-in packages, and their versions")
    public ListResult<ChaincodePackageView> list(@PathParam("workspace") @DnsLabel String workspace, @BeanParam ListQuery query) {
        return query.apply(repository.list(workspace), SORT_KEYS);
    }

    @GET
    @Path("/{chaincode}")
    @Operation(summary = "Read a chaincode of the repository with its versions, newest first")
    public ChaincodePackageView get(@PathParam("workspace") @DnsLabel String workspace,
                                    @PathParam("chaincode") @Pattern(regexp = CHAINCODE, message = CHAINCODE_MESSAGE) String chaincode) {
        return repository.get(workspace, chaincode);
    }

    @POST
    @Path("/{chaincode}/versions")
    @Consumes({GZIP, "application/x-gzip", MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Upload a version: the CCaaS package (.tar.gz with metadata.json and code.tar.gz) as the body, streamed",
            description = "Refused with its own reason: not gzip or tar, path traversal, absolute paths, links, special files, oversize"
                    + " (package, one file, compression ratio), missing or malformed metadata.json, a type other than ccaas, an existing"
                    + " version. Stored Submitted with its review report; the jar its sandbox.json names is uploaded next.")
    @RequestBody(content = @Content(mediaType = GZIP, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
            format = "binary")))
    @APIResponse(responseCode = "201", description = "Uploaded", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PackageVersionView.class)))
    public Response upload(@PathParam("workspace") @DnsLabel String workspace,
                           @PathParam("chaincode") @Pattern(regexp = CHAINCODE, message = CHAINCODE_MESSAGE) String chaincode,
                           @Valid @BeanParam NewPackageVersion version, InputStream body) {
        return Response.status(201).entity(repository.upload(workspace, chaincode, version, body, caller.get())).build();
    }

    @GET
    @Path("/{chaincode}/versions/{version}")
    @Operation(summary = "Read a version: its package ID, SHA-256, review state and the automatic review report")
    public PackageVersionView version(@PathParam("workspace") @DnsLabel String workspace,
                                      @PathParam("chaincode") @Pattern(regexp = CHAINCODE, message = CHAINCODE_MESSAGE) String chaincode,
                                      @PathParam("version") @Pattern(regexp = NewPackageVersion.VERSION, message = VERSION_MESSAGE) String version) {
        return repository.version(workspace, chaincode, version);
    }

    @DELETE
    @Path("/{chaincode}/versions/{version}")
    @Operation(summary = "Delete a version no chaincode deployment uses")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("workspace") @DnsLabel String workspace,
                           @PathParam("chaincode") @Pattern(regexp = CHAINCODE, message = CHAINCODE_MESSAGE) String chaincode,
                           @PathParam("version") @Pattern(regexp = NewPackageVersion.VERSION, message = VERSION_MESSAGE) String version) {
        repository.delete(workspace, chaincode, version, caller.get());
        return Response.noContent().build();
    }

    @GET
    @Path("/{chaincode}/versions/{version}/package")
    @Produces(GZIP)
    @Operation(summary = "Download the version's package as uploaded")
    @APIResponse(responseCode = "200", description = "The package", content = @Content(mediaType = GZIP,
            schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")))
    public Response download(@PathParam("workspace") @DnsLabel String workspace,
                             @PathParam("chaincode") @Pattern(regexp = CHAINCODE, message = CHAINCODE_MESSAGE) String chaincode,
                             @PathParam("version") @Pattern(regexp = NewPackageVersion.VERSION, message = VERSION_MESSAGE) String version) {
        return Response.ok(repository.packageBytes(workspace, chaincode, version), GZIP)
                .header("Content-Disposition", "attachment; filename=\"" + chaincode + "-" + version + ".tar.gz\"").build();
    }

    @PUT
    @Path("/{chaincode}/versions/{version}/jar")
    @Consumes({JAR, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Upload the runnable jar the version's sandbox.json names (its SHA-256 must match), streamed; it is scanned into the report")
    @RequestBody(content = @Content(mediaType = JAR, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
            format = "binary")))
    public PackageVersionView uploadJar(@PathParam("workspace") @DnsLabel String workspace,
                                        @PathParam("chaincode") @Pattern(regexp = CHAINCODE, message = CHAINCODE_MESSAGE) String chaincode,
                                        @PathParam("version") @Pattern(regexp = NewPackageVersion.VERSION, message = VERSION_MESSAGE) String version,
                                        InputStream body) {
        return repository.uploadJar(workspace, chaincode, version, body, caller.get());
    }

    @GET
    @Path("/{chaincode}/versions/{version}/jar")
    @Produces(JAR)
    @Operation(summary = "Download the version's jar")
    @APIResponse(responseCode = "200", description = "The jar", content = @Content(mediaType = JAR,
            schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")))
    public Response downloadJar(@PathParam("workspace") @DnsLabel String workspace,
                                @PathParam("chaincode") @Pattern(regexp = CHAINCODE, message = CHAINCODE_MESSAGE) String chaincode,
                                @PathParam("version") @Pattern(regexp = NewPackageVersion.VERSION, message = VERSION_MESSAGE) String version) {
        return Response.ok(repository.jar(workspace, chaincode, version), JAR)
                .header("Content-Disposition", "attachment; filename=\"" + chaincode + "-" + version + ".jar\"").build();
    }

    @POST
    @Path("/{chaincode}/reviews")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve or reject a Submitted version (合约审计), as a reviewer who did not upload it; only approved versions deploy")
    @APIResponse(responseCode = "201", description = "Decided", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PackageVersionView.class)))
    public Response review(@PathParam("workspace") @DnsLabel String workspace,
                           @PathParam("chaincode") @Pattern(regexp = CHAINCODE, message = CHAINCODE_MESSAGE) String chaincode,
                           @Valid @NotNull ReviewDecision decision) {
        return Response.status(201).entity(repository.review(workspace, chaincode, decision, caller.get())).build();
    }
}
