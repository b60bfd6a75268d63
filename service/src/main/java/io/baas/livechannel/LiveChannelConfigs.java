package io.baas.livechannel;

import io.baas.consortium.ChannelService;
import io.baas.consortium.NamespaceOwners;
import io.baas.crd.Channel;
import io.baas.crd.Organization;
import io.baas.error.DomainException;
import io.baas.fabric.configtx.ConfigSummary;
import io.baas.reconcile.ChannelConfigs;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/** A live channel's configuration as its orderer serves it, for the organizations on the channel. */
@ApplicationScoped
public class LiveChannelConfigs {

    private final KubernetesClient client;
    private final ChannelService channels;
    private final NamespaceOwners owners;
    private final ChannelConfigs configs;

    LiveChannelConfigs(KubernetesClient client, ChannelService channels, NamespaceOwners owners, ChannelConfigs configs) {
        this.client = client;
        this.channels = channels;
        this.owners = owners;
        this.configs = configs;
    }

    /** The channel's config now (409 until the channel is live); 404 for a channel the namespace's organization is not on. */
    public ChannelConfigView config(String namespace, String name) {
        Channel channel = channels.channel(namespace, name);
        if (channel.getStatus() == null || channel.getStatus().configSequence == null) {
            throw DomainException.conflict("Channel " + name + " is not live yet: its orderers do not serve it.");
        }
        Map<String, String> names = new LinkedHashMap<>();
        owners.require(namespace).consortium().getSpec().members.forEach(m -> {
            Organization organization = client.resources(Organization.class).withName(m.organization).get();
            if (organization != null && organization.getSpec() != null) {
                names.put(organization.getSpec().mspId, m.organization);
            }
        });
        return new ChannelConfigView(name, channel.getSpec().channelId, channel.getStatus().height,
                ConfigSummary.of(configs.current(channel)), names);
    }
}
