package io.baas.keyuse;

/** The consents could not be read; nothing may be signed on their strength. */
public class ConsentUnknownException extends RuntimeException {

    public ConsentUnknownException(Throwable cause) {
        super("Consents cannot be read now: " + cause.getMessage(), cause);
    }
}
