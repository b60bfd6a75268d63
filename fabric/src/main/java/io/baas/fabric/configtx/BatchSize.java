package io.baas.fabric.configtx;

/** When the orderer cuts a block: by message count or bytes (uint32 in Fabric, so int here). */
public record BatchSize(int maxMessageCount, int absoluteMaxBytes, int preferredMaxBytes) {

    public static final int MEGABYTE = 1024 * 1024;

    public BatchSize {
        if (maxMessageCount < 1 || absoluteMaxBytes < 1 || preferredMaxBytes < 1) {
            throw new ChannelConfigException("batch size values must be positive");
        }
        // The orderer refuses a channel whose preferred size exceeds the absolute maximum.
        if (preferredMaxBytes > absoluteMaxBytes) {
            throw new ChannelConfigException("preferred max bytes " + preferredMaxBytes
                    + " exceeds absolute max bytes " + absoluteMaxBytes);
        }
    }
}
