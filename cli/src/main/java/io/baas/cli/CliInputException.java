package io.baas.cli;

/** A file or option the command cannot use; its message says which and why. */
public final class CliInputException extends RuntimeException {

    public CliInputException(String message) {
        super(message);
    }

    public CliInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
