package io.baas.fabric.configtx;

import io.baas.fabric.FabricDataException;

/**
 * A channel description, MSP folder, config update or signature set that cannot become (or
 * authorize) a valid channel configuration.
 */
public final class ChannelConfigException extends FabricDataException {

    public ChannelConfigException(String message) {
        super(message);
    }

    public ChannelConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
