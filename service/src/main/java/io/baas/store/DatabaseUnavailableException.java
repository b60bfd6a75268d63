package io.baas.store;

/** PostgreSQL could not be used; the API answers 503 and the caller may retry. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(Throwable cause) {
        super("The database is unavailable: " + cause.getMessage(), cause);
    }

    protected DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
