package io.baas.k8s;

/**
 * An object the service was about to write exists and is not the service's (someone else made it, or
 * it no longer carries the mark of what made it): nothing was written.
 */
public class ForeignObjectException extends RuntimeException {

    private final String kind;
    private final String name;

    public ForeignObjectException(String kind, String name, String message) {
        super(message);
        this.kind = kind;
        this.name = name;
    }

    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }
}
