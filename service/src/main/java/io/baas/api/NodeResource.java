package io.baas.api;

import io.baas.consortium.ConnectionProfileView;
import io.baas.consortium.ConnectionProfiles;
import io.baas.consortium.ConsortiumOverview;
import io.baas.consortium.NewPeer;
import io.baas.consortium.NodeChange;
import io.baas.consortium.NodeService;
import io.baas.crd.OrdererNode;
import io.baas.crd.PeerNode;
import io.baas.k8s.DnsLabel;
import io.baas.runtime.NodeMetricsHistory;
import io.fabric8.kubernetes.api.model.Event;
import io.smallrye.common.annotation.Blocking;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * An organization's work inside a consortium, in the namespace the consortium made for it (so
 * KubeSphere's project roles apply): its peers, the ordering organization's orderers, and the
 * connection profile its applications use.
 */
@Path(ConsortiumResource.BASE + "/namespaces/{namespace}")
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {

    private static final Map<String, Comparator<PeerNode>> PEER_SORT_KEYS = ListQuery.byNameAndCreation(
            p -> p.getMetadata().getName(), p -> p.getMetadata().getCreationTimestamp());
    private static final Map<String, Comparator<OrdererNode>> ORDERER_SORT_KEYS = ListQuery.byNameAndCreation(
            o -> o.getMetadata().getName(), o -> o.getMetadata().getCreationTimestamp());

    private final NodeService nodes;
    private final ConnectionProfiles profiles;

    NodeResource(NodeService nodes, ConnectionProfiles profiles) {
        this.nodes = nodes;
        this.profiles = profiles;
    }

    @GET
    @Path("/peers")
    @Operation(summary = "List the organization's peers in its consortium namespace, with their status")
    public ListResult<PeerNode> peers(@PathParam("namespace") @DnsLabel String namespace, @BeanParam ListQuery query) {
        return query.apply(nodes.peers(namespace), PEER_SORT_KEYS);
    }

    @POST
    @Path("/peers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a peer (state database, storage, resources); the reconciler runs it and reports in its status")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PeerNode.class)))
    public Response addPeer(@PathParam("namespace") @DnsLabel String namespace, @Valid @NotNull NewPeer request) {
        return Response.status(201).entity(nodes.addPeer(namespace, request)).build();
    }

    @GET
    @Path("/peers/{peer}")
    @Operation(summary = "Read a peer with its status (phase, endpoints, conditions)")
    public PeerNode peer(@PathParam("namespace") @DnsLabel String namespace, @PathParam("peer") @DnsLabel String peer) {
        return nodes.peer(namespace, peer);
    }

    @PUT
    @Path("/peers/{peer}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resize a peer: its ledger volume (grows only) and container resources")
    public PeerNode changePeer(@PathParam("namespace") @DnsLabel String namespace, @PathParam("peer") @DnsLabel String peer,
                               @Valid @NotNull NodeChange change) {
        return nodes.changePeer(namespace, peer, change);
    }

    @DELETE
    @Path("/peers/{peer}")
    @Operation(summary = "Remove a peer the organization added (those the consortium declares go with its peer count)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response removePeer(@PathParam("namespace") @DnsLabel String namespace, @PathParam("peer") @DnsLabel String peer) {
        nodes.removePeer(namespace, peer);
        return Response.noContent().build();
    }

    @GET
    @Path("/peers/{peer}/events")
    @Operation(summary = "The Kubernetes Events about a peer, newest first")
    public List<Event> peerEvents(@PathParam("namespace") @DnsLabel String namespace, @PathParam("peer") @DnsLabel String peer) {
        return nodes.events(namespace, PeerNode.class, peer);
    }

    @GET
    @Path("/peers/{peer}/logs")
    @Produces(MediaType.TEXT_PLAIN)
    @Blocking
    @Operation(summary = "The peer's log as its container writes it: the last tailLines, those of the last sinceSeconds, "
            + "and with follow=true each new line as it is written (a chunked stream) until the caller leaves or the peer stops")
    @APIResponse(responseCode = "200", description = "Log lines, one per line",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(implementation = String.class)))
    public RestMulti<String> peerLogs(@PathParam("namespace") @DnsLabel String namespace, @PathParam("peer") @DnsLabel String peer,
                                      @QueryParam("tailLines") String tailLines, @QueryParam("sinceSeconds") String sinceSeconds,
                                      @QueryParam("follow") String follow) {
        return LogLines.stream(nodes.logs(namespace, PeerNode.class, peer, LogLines.query(tailLines, sinceSeconds, follow)));
    }

    @GET
    @Path("/peers/{peer}/health")
    @Operation(summary = "The peer as its operations endpoint answers now: Healthy, Unhealthy, Unreachable or NotRunning with the reason, "
            + "its ledger height per channel, and how many blocks it is behind its consortium's orderers")
    public ConsortiumOverview.Node peerHealth(@PathParam("namespace") @DnsLabel String namespace, @PathParam("peer") @DnsLabel String peer) {
        return nodes.health(namespace, PeerNode.class, peer);
    }

    @GET
    @Path("/peers/{peer}/metrics")
    @Operation(summary = "One of Fabric's metrics of the peer over time, from the Prometheus that scrapes it: metric (e.g. "
            + "ledger_blockchain_height; counters come as a per-second rate), range (1h), step (1m); 503 when no Prometheus is configured")
    public NodeMetricsHistory.History peerMetrics(@PathParam("namespace") @DnsLabel String namespace, @PathParam("peer") @DnsLabel String peer,
                                                  @QueryParam("metric") String metric, @QueryParam("range") String range,
                                                  @QueryParam("step") String step) {
        return nodes.metrics(namespace, PeerNode.class, peer, metric, range, step);
    }

    @GET
    @Path("/orderers")
    @Operation(summary = "List the ordering organization's orderers in its consortium namespace, with their status")
    public ListResult<OrdererNode> orderers(@PathParam("namespace") @DnsLabel String namespace, @BeanParam ListQuery query) {
        return query.apply(nodes.orderers(namespace), ORDERER_SORT_KEYS);
    }

    @GET
    @Path("/orderers/{orderer}")
    @Operation(summary = "Read an orderer with its status")
    public OrdererNode orderer(@PathParam("namespace") @DnsLabel String namespace, @PathParam("orderer") @DnsLabel String orderer) {
        return nodes.orderer(namespace, orderer);
    }

    @PUT
    @Path("/orderers/{orderer}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resize an orderer: its ledger volume (grows only) and container resources")
    public OrdererNode changeOrderer(@PathParam("namespace") @DnsLabel String namespace,
                                     @PathParam("orderer") @DnsLabel String orderer, @Valid @NotNull NodeChange change) {
        return nodes.changeOrderer(namespace, orderer, change);
    }

    @GET
    @Path("/orderers/{orderer}/events")
    @Operation(summary = "The Kubernetes Events about an orderer, newest first")
    public List<Event> ordererEvents(@PathParam("namespace") @DnsLabel String namespace,
                                     @PathParam("orderer") @DnsLabel String orderer) {
        return nodes.events(namespace, OrdererNode.class, orderer);
    }

    @GET
    @Path("/orderers/{orderer}/logs")
    @Produces(MediaType.TEXT_PLAIN)
    @Blocking
    @Operation(summary = "The orderer's log as its container writes it: the last tailLines, those of the last sinceSeconds, "
            + "and with follow=true each new line as it is written (a chunked stream) until the caller leaves or the orderer stops")
    @APIResponse(responseCode = "200", description = "Log lines, one per line",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(implementation = String.class)))
    public RestMulti<String> ordererLogs(@PathParam("namespace") @DnsLabel String namespace,
                                         @PathParam("orderer") @DnsLabel String orderer, @QueryParam("tailLines") String tailLines,
                                         @QueryParam("sinceSeconds") String sinceSeconds, @QueryParam("follow") String follow) {
        return LogLines.stream(nodes.logs(namespace, OrdererNode.class, orderer, LogLines.query(tailLines, sinceSeconds, follow)));
    }

    @GET
    @Path("/orderers/{orderer}/health")
    @Operation(summary = "The orderer as its operations endpoint answers now: Healthy, Unhealthy, Unreachable or NotRunning with the "
            + "reason, and its height per channel")
    public ConsortiumOverview.Node ordererHealth(@PathParam("namespace") @DnsLabel String namespace,
                                                 @PathParam("orderer") @DnsLabel String orderer) {
        return nodes.health(namespace, OrdererNode.class, orderer);
    }

    @GET
    @Path("/chaincodeservers/{server}/logs")
    @Produces(MediaType.TEXT_PLAIN)
    @Blocking
    @Operation(summary = "A chaincode server's log (one of its pods', as kubectl logs deployment/... picks): tailLines, sinceSeconds, "
            + "and with follow=true each new line as it is written until the caller leaves or the server stops")
    @APIResponse(responseCode = "200", description = "Log lines, one per line",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(implementation = String.class)))
    public RestMulti<String> chaincodeServerLogs(@PathParam("namespace") @DnsLabel String namespace,
                                                 @PathParam("server") @DnsLabel String server, @QueryParam("tailLines") String tailLines,
                                                 @QueryParam("sinceSeconds") String sinceSeconds, @QueryParam("follow") String follow) {
        return LogLines.stream(nodes.chaincodeServerLogs(namespace, server, LogLines.query(tailLines, sinceSeconds, follow)));
    }

    @GET
    @Path("/orderers/{orderer}/metrics")
    @Operation(summary = "One of Fabric's metrics of the orderer over time, from the Prometheus that scrapes it: metric, range (1h), "
            + "step (1m); 503 when no Prometheus is configured")
    public NodeMetricsHistory.History ordererMetrics(@PathParam("namespace") @DnsLabel String namespace,
                                                     @PathParam("orderer") @DnsLabel String orderer, @QueryParam("metric") String metric,
                                                     @QueryParam("range") String range, @QueryParam("step") String step) {
        return nodes.metrics(namespace, OrdererNode.class, orderer, metric, range, step);
    }

    @GET
    @Path("/connectionprofiles/{organization}")
    @Operation(summary = "The organization's connection profile (JSON and YAML) and a fabric-gateway snippet; never a key")
    public ConnectionProfileView connectionProfile(@PathParam("namespace") @DnsLabel String namespace,
                                                   @PathParam("organization") @DnsLabel String organization) {
        return profiles.of(namespace, organization);
    }
}
