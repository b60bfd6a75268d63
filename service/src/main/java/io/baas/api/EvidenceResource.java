package io.baas.api;

import io.baas.apps.Evidence;
import io.baas.apps.EvidenceChange;
import io.baas.apps.EvidenceDigest;
import io.baas.apps.EvidenceVerification;
import io.baas.apps.NewEvidence;
import io.baas.apps.Notarization;
import io.baas.error.DomainException;
import io.baas.error.FieldError;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Data notarization (存证) on a channel: notarizing a document or its digest ({@code evidences}),
 * and verifying one ({@code evidenceverifications}, a permission of its own that viewers hold). A
 * document sent whole is hashed as it streams in and never stored.
 */
@Path(ConsortiumResource.BASE + "/namespaces/{namespace}/channels/{channel}")
@Produces(MediaType.APPLICATION_JSON)
public class EvidenceResource {

    static final String PDF = "application/pdf";

    private final Notarization notarization;
    private final CurrentCaller caller;

    EvidenceResource(Notarization notarization, CurrentCaller caller) {
        this.notarization = notarization;
        this.caller = caller;
    }

    @POST
    @Path("/evidences")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Notarize a document by its digest, signed with the caller's client identity of the namespace's organization",
            description = "A digest notarized before, by anyone, is answered 409 EVIDENCE_EXISTS with that evidence as `existing`.")
    @APIResponse(responseCode = "201", description = "Notarized", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Evidence.class)))
    public Response record(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel,
                           @Valid @NotNull NewEvidence request) {
        return Response.status(201).entity(notarization.record(namespace, channel, request, caller.get())).build();
    }

    @POST
    @Path("/evidences")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING,
            format = "binary")))
    @Operation(summary = "Notarize a document sent as the body: hashed as it streams in (never stored), its digest recorded",
            description = "Title and metadata are query parameters; the body's size is bounded by baas.apps.max-document-bytes.")
    @APIResponse(responseCode = "201", description = "Notarized", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Evidence.class)))
    public Response recordDocument(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel,
                                   @QueryParam("title") String title, @QueryParam("metadata") String metadata,
                                   @QueryParam("hashAlgorithm") String hashAlgorithm, InputStream document) {
        return Response.status(201).entity(notarization.recordDocument(namespace, channel, document, hashAlgorithm, title, metadata,
                caller.get())).build();
    }

    @GET
    @Path("/evidences")
    @Operation(summary = "List the caller's own evidences on the channel, newest first")
    public ListResult<Evidence> list(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel,
                                     @QueryParam("page") String page, @QueryParam("limit") String limit) {
        int pageNumber = (int) QueryNumbers.parse("page", page, 1, 1, Integer.MAX_VALUE);
        int pageSize = (int) QueryNumbers.parse("limit", limit, 20, 1, 1000);
        List<Evidence> all = notarization.listOwn(namespace, channel, caller.get());
        int from = (int) Math.min((long) (pageNumber - 1) * pageSize, all.size());
        return new ListResult<>(all.subList(from, Math.min(from + pageSize, all.size())), all.size());
    }

    @GET
    @Path("/evidences/{evidence}")
    @Operation(summary = "Read an evidence, named <hashAlgorithm>:<digest>, with the block that holds it")
    public Evidence get(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel,
                        @PathParam("evidence") String evidence) {
        return notarization.get(namespace, channel, evidence, caller.get());
    }

    @GET
    @Path("/evidences/{evidence}/history")
    @Operation(summary = "Every write of the evidence on the ledger, newest first")
    public ListResult<EvidenceChange> history(@PathParam("namespace") @DnsLabel String namespace,
                                              @PathParam("channel") @DnsLabel String channel, @PathParam("evidence") String evidence) {
        List<EvidenceChange> items = notarization.history(namespace, channel, evidence, caller.get());
        return new ListResult<>(items, items.size());
    }

    @GET
    @Path("/evidences/{evidence}/receipt")
    @Operation(summary = "The evidence's receipt (JSON, ks-baas-evidence-receipt/1), checkable offline with `ks-baas-fabric receipt verify`",
            description = "With proof=block the receipt carries the whole block, proving inclusion on its own; that block holds the"
                    + " channel's other transactions of the same block too. Without it, inclusion is checked against a block the verifier"
                    + " fetches from a peer it trusts.")
    @APIResponse(responseCode = "200", description = "The receipt: format, channel, chaincode, hashAlgorithm, digest, txId, blockNumber,"
            + " and in base64 the transaction envelope, block header, signature metadata, channel config and optionally the block",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Response receipt(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel,
                            @PathParam("evidence") String evidence, @QueryParam("proof") String proof) {
        if (proof != null && !proof.equals("block") && !proof.equals("header")) {
            throw DomainException.invalid("The proof is block or header.", List.of(new FieldError("proof", "must be block or header")));
        }
        byte[] receipt = notarization.receipt(namespace, channel, evidence, "block".equals(proof), caller.get()).toJson();
        return Response.ok(receipt, MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"" + fileName(evidence) + ".receipt.json\"").build();
    }

    @GET
    @Path("/evidences/{evidence}/certificate")
    @Produces(PDF)
    @Operation(summary = "The evidence's certificate (存证证明) as a PDF: the receipt's facts for people, and where to verify them")
    @APIResponse(responseCode = "200", description = "The certificate", content = @Content(mediaType = PDF,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response certificate(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel,
                                @PathParam("evidence") String evidence, @Context UriInfo uri) {
        String verifyUrl = uri.getBaseUriBuilder().path(ConsortiumResource.BASE).path("namespaces").path(namespace).path("channels")
                .path(channel).path("evidences").path(evidence).build().toString();
        return Response.ok(notarization.certificate(namespace, channel, evidence, verifyUrl, caller.get()), PDF)
                .header("Content-Disposition", "attachment; filename=\"" + fileName(evidence) + ".certificate.pdf\"").build();
    }

    @POST
    @Path("/evidenceverifications")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify a digest: whether it is notarized on the channel, by which organization and client, when and where")
    public EvidenceVerification verify(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel,
                                       @Valid @NotNull EvidenceDigest request) {
        return notarization.verify(namespace, channel, request, caller.get());
    }

    @POST
    @Path("/evidenceverifications")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING,
            format = "binary")))
    @Operation(summary = "Verify a document sent as the body (hashed as it streams in, never stored)")
    public EvidenceVerification verifyDocument(@PathParam("namespace") @DnsLabel String namespace,
                                               @PathParam("channel") @DnsLabel String channel,
                                               @QueryParam("hashAlgorithm") String hashAlgorithm, InputStream document) {
        return notarization.verifyDocument(namespace, channel, document, hashAlgorithm, caller.get());
    }

    /** {@code SHA-256:9f86…} as the start of a file name: the algorithm and the digest's first digits. */
    private static String fileName(String evidence) {
        String safe = evidence.replaceAll("[^A-Za-z0-9-]", "-");
        return "evidence-" + safe.substring(0, Math.min(safe.length(), 32));
    }
}
