package io.baas.fabric.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.baas.fabric.configtx.ChannelConfigException;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The file a pending config update travels in between organizations: the CLI's {@code channel
 * update compute} writes it, {@code sign} adds an admin's signature to it, and the service offers
 * a proposal's update as one and takes it back signed. JSON with the channel, the policies that
 * must be (and are not yet) satisfied, and the config and update envelope in base64.
 */
public final class PendingConfigUpdateFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PendingConfigUpdateFile() {
    }

    public static byte[] write(PendingConfigUpdate pending) {
        PendingConfigUpdate.Snapshot snapshot = pending.snapshot();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("channel", snapshot.channelId());
        json.put("requiredPolicies", pending.requiredPolicies());
        json.put("missingPolicies", pending.missingPolicies());
        json.put("config", Base64.getEncoder().encodeToString(snapshot.config().toByteArray()));
        json.put("envelope", Base64.getEncoder().encodeToString(snapshot.envelope().toByteArray()));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException("a pending config update does not serialize: " + e.getMessage(), e);
        }
    }

    /** The update a file holds; ChannelConfigException when it is no such file. */
    public static PendingConfigUpdate read(byte[] file) {
        try {
            Map<?, ?> json = JSON.readValue(file, Map.class);
            if (!(json.get("channel") instanceof String channel) || !(json.get("config") instanceof String config)
                    || !(json.get("envelope") instanceof String envelope)) {
                throw new ChannelConfigException("a pending config update file has the strings channel, config and envelope");
            }
            return PendingConfigUpdate.of(new PendingConfigUpdate.Snapshot(channel,
                    ByteString.copyFrom(Base64.getDecoder().decode(config)), ByteString.copyFrom(Base64.getDecoder().decode(envelope))));
        } catch (IOException | IllegalArgumentException e) {
            throw new ChannelConfigException("not a pending config update file: " + e.getMessage(), e);
        }
    }
}
