package io.baas.api;

import io.baas.iam.access.CurrentCaller;
import io.baas.k8s.DnsLabel;
import io.baas.livechannel.ChannelJoins;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The namespace's organization's peers on a channel: how each stands, and joining the running ones now. */
@Path(ConsortiumResource.BASE + "/namespaces/{namespace}/channels/{channel}/channeljoins")
@Produces(MediaType.APPLICATION_JSON)
public class ChannelJoinResource {

    private final ChannelJoins joins;
    private final CurrentCaller caller;

    ChannelJoinResource(ChannelJoins joins, CurrentCaller caller) {
        this.joins = joins;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "How each peer of the namespace's organization stands with the channel, asked of the peer: AlreadyJoined, NotJoined, NotRunning or Unreachable")
    public ChannelJoins.PeerJoinList peers(@PathParam("namespace") @DnsLabel String namespace,
                                           @PathParam("channel") @DnsLabel String channel) {
        return joins.peers(namespace, channel);
    }

    @POST
    @Operation(summary = "Join the namespace's organization's running peers to the channel now, with its held admin; each peer's outcome: Joined, AlreadyJoined, NotRunning or Unreachable")
    @APIResponse(responseCode = "200", description = "Each peer's outcome", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ChannelJoins.PeerJoinList.class)))
    public ChannelJoins.PeerJoinList join(@PathParam("namespace") @DnsLabel String namespace,
                                          @PathParam("channel") @DnsLabel String channel) {
        return joins.join(namespace, channel, caller.get());
    }
}
