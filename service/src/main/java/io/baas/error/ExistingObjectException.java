package io.baas.error;

/**
 * A conflict with an object that already exists, carried along so the caller sees what it collided
 * with (an evidence notarized before) without asking again.
 */
public class ExistingObjectException extends DomainException {

    private final transient Object existing;

    public ExistingObjectException(String reason, String message, Object existing) {
        super(ErrorKind.CONFLICT, reason, message);
        this.existing = existing;
    }

    public Object existing() {
        return existing;
    }
}
