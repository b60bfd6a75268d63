package io.baas.fabric;

/**
 * Root of the failures raised by the offline Fabric data layer. Each family (block decoding,
 * identities, packages, policies, lifecycle messages, channel configuration) has its own subclass,
 * so callers can map them to API errors without parsing messages.
 */
public abstract class FabricDataException extends RuntimeException {

    protected FabricDataException(String message) {
        super(message);
    }

    protected FabricDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
