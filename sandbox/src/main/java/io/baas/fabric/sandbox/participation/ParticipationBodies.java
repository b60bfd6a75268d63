package io.baas.fabric.sandbox.participation;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The JSON bodies of Fabric's participation API (orderer/common/types), field names and order as Go writes them. */
final class ParticipationBodies {

    private ParticipationBodies() {
    }

    static final String BASE = "/participation/v1/channels";

    @JsonPropertyOrder({"error"})
    record ErrorResponse(String error) {
    }

    @JsonPropertyOrder({"name", "url"})
    record ChannelInfoShort(String name, String url) {
    }

    /** There is never a system channel; Go writes a nil slice of channels as null. */
    @JsonPropertyOrder({"systemChannel", "channels"})
    record ChannelList(ChannelInfoShort systemChannel, List<ChannelInfoShort> channels) {
    }

    @JsonPropertyOrder({"name", "url", "consensusRelation", "status", "height"})
    record ChannelInfo(String name, String url, String consensusRelation, String status, long height) {
    }

    static String url(String channelId) {
        return BASE + "/" + channelId;
    }
}
