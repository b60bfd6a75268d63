package io.baas.api;

import io.baas.consortium.ConsortiumOverview;
import io.baas.consortium.NodeService;
import io.baas.crd.Organization;
import io.baas.organization.OrganizationService;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Cluster-wide lists for platform admins: every organization and every node, whatever the workspace. */
@Path(ConsortiumResource.BASE)
@Produces(MediaType.APPLICATION_JSON)
public class PlatformResource {

    private static final Map<String, Comparator<Organization>> ORGANIZATION_SORT_KEYS = ListQuery.byNameAndCreation(
            o -> o.getMetadata().getName(), o -> o.getMetadata().getCreationTimestamp());
    private static final Map<String, Comparator<ConsortiumOverview.Node>> NODE_SORT_KEYS = Map.of(
            "createTime", Comparator.comparing(ConsortiumOverview.Node::namespace).thenComparing(ConsortiumOverview.Node::name),
            "name", Comparator.comparing(ConsortiumOverview.Node::name).thenComparing(ConsortiumOverview.Node::namespace));

    private final OrganizationService organizations;
    private final NodeService nodes;

    PlatformResource(OrganizationService organizations, NodeService nodes) {
        this.organizations = organizations;
        this.nodes = nodes;
    }

    @GET
    @Path("/organizations")
    @Operation(summary = "List every organization of the platform (platform admins)")
    public ListResult<Organization> organizations(@BeanParam ListQuery query) {
        return query.apply(organizations.all(), ORGANIZATION_SORT_KEYS);
    }

    // Not "nodes": KubeSphere's built-in role "authenticated" grants get and list on nodes in every API group.
    @GET
    @Path("/fabricnodes")
    @Operation(summary = "List every peer and orderer of the platform with phase and endpoints (platform admins)")
    public ListResult<ConsortiumOverview.Node> nodes(@BeanParam ListQuery query) {
        return query.apply(nodes.all(), NODE_SORT_KEYS);
    }
}
