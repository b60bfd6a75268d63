package io.baas.api;

import io.baas.consortium.ChannelService;
import io.baas.consortium.NewChannel;
import io.baas.crd.Channel;
import io.baas.k8s.DnsLabel;
import io.baas.livechannel.ChannelConfigView;
import io.baas.livechannel.LiveChannelConfigs;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * A consortium's channels from an organization's consortium namespace: the leader creates them in
 * its own; each organization on a channel reads it (phase, height, config sequence, who joined).
 */
@Path(ConsortiumResource.BASE + "/namespaces/{namespace}/channels")
@Produces(MediaType.APPLICATION_JSON)
public class ChannelResource {

    private static final Map<String, Comparator<Channel>> SORT_KEYS = ListQuery.byNameAndCreation(
            c -> c.getMetadata().getName(), c -> c.getMetadata().getCreationTimestamp());

    private final ChannelService channels;
    private final LiveChannelConfigs configs;

    ChannelResource(ChannelService channels, LiveChannelConfigs configs) {
        this.channels = channels;
        this.configs = configs;
    }

    @GET
    @Operation(summary = "List the consortium's channels that the namespace's organization is on, with their status")
    public ListResult<Channel> channels(@PathParam("namespace") @DnsLabel String namespace, @BeanParam ListQuery query) {
        return query.apply(channels.channels(namespace), SORT_KEYS);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a channel of the consortium's members (the leader, in its namespace); the reconciler mints its genesis block and joins the peers")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Channel.class)))
    public Response create(@PathParam("namespace") @DnsLabel String namespace, @Valid @NotNull NewChannel request) {
        return Response.status(201).entity(channels.create(namespace, request)).build();
    }

    @GET
    @Path("/{channel}")
    @Operation(summary = "Read a channel the namespace's organization is on: members, batch settings, phase, height, joined orderers and peers")
    public Channel channel(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel) {
        return channels.channel(namespace, channel);
    }

    @GET
    @Path("/{channel}/config")
    @Operation(summary = "Read a live channel's configuration from its orderer: organizations, anchor peers, orderer endpoints, consenters, block cutting, policies, capabilities, sequence")
    public ChannelConfigView config(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel) {
        return configs.config(namespace, channel);
    }
}
