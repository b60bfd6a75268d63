package io.baas.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs Hibernate Reactive work from blocking service code (which also talks to the Kubernetes API):
 * on a Vert.x context, in a transaction, waiting for the result. A database that is down becomes a
 * 503 rather than a hang or a 500.
 */
public final class Db {

    /** SQLSTATE classes and codes that mean "the database cannot be used now", not "this statement is wrong". */
    private static final Set<String> UNAVAILABLE_CLASSES = Set.of("08", "53", "57");
    private static final String MISSING_DATABASE = "3D000";

    private Db() {
    }

    public static <T> T inTransaction(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
        } catch (Throwable e) {
            throw translate(e);
        }
    }

    public static <T> T read(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(work));
        } catch (Throwable e) {
            throw translate(e);
        }
    }

    /**
     * What the caller sees of a failure: awaiting wraps it (CompletionException, ExecutionException),
     * so it is unwrapped first; a database that cannot be reached or used becomes
     * {@link DatabaseUnavailableException} (503); the work's own exceptions (a DomainException, a
     * constraint violation) pass as they are.
     */
    static RuntimeException translate(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof DatabaseUnavailableException unavailable) {
            return unavailable;
        }
        if (isUnavailable(cause)) {
            return new DatabaseUnavailableException(cause);
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new DatabaseUnavailableException(cause);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Anywhere in the chain: a connection that failed or closed, a timeout, or PostgreSQL saying it cannot serve. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t instanceof TimeoutException
                    || t instanceof io.vertx.sqlclient.ClosedConnectionException
                    || t instanceof io.netty.channel.ConnectTimeoutException) {
                return true;
            }
            String state = t instanceof io.vertx.sqlclient.DatabaseException database ? database.getSqlState()
                    : t instanceof SQLException sql ? sql.getSQLState() : null;
            if (state != null && (MISSING_DATABASE.equals(state)
                    || (state.length() >= 2 && UNAVAILABLE_CLASSES.contains(state.substring(0, 2))))) {
                return true;
            }
            if (t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
        }
        return false;
    }
}
