package io.baas.runtime;

/** The runtime cannot run this kind of node; the message says which runtime can. */
public class RuntimeUnavailableException extends RuntimeException {

    public RuntimeUnavailableException(String message) {
        super(message);
    }
}
