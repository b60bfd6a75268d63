package io.baas.api;

import io.baas.consortium.ConsortiumService;
import io.baas.crd.Consortium;
import io.baas.k8s.DnsLabel;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Consortia: all of them for platform admins, a workspace's own for its members. */
@Path(ConsortiumResource.BASE)
@Produces(MediaType.APPLICATION_JSON)
public class ConsortiumResource {

    static final String BASE = "/kapis/baas.io/v1";
    private static final Map<String, Comparator<Consortium>> SORT_KEYS = ListQuery.byNameAndCreation(
            c -> c.getMetadata().getName(), c -> c.getMetadata().getCreationTimestamp());

    private final ConsortiumService consortia;

    ConsortiumResource(ConsortiumService consortia) {
        this.consortia = consortia;
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
}
