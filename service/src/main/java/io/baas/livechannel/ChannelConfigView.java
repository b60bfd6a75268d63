package io.baas.livechannel;

import io.baas.fabric.configtx.ConfigSummary;
import java.util.Map;

/**
 * A live channel's configuration as its orderer serves it now, in words people read, with the
 * height the service last observed.
 *
 * @param organizationNames the consortium's organization names by MSP ID, for the summary's organizations
 */
public record ChannelConfigView(String channel, String channelId, Long height, ConfigSummary config, Map<String, String> organizationNames) {
}
