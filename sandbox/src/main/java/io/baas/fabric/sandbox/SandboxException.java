package io.baas.fabric.sandbox;

/**
 * Root of the failures of the sandbox runtime's nodes. Subclasses carry what the wire protocol
 * answers with (a Fabric status, an HTTP status), so handlers map them without parsing messages.
 */
public class SandboxException extends RuntimeException {

    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
