package io.baas.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Runs Hibernate Reactive work from blocking service code (which also talks to the Kubernetes API):
 * on a Vert.x context, in a transaction, waiting for the result. A database that is down becomes a
 * 503 rather than a hang or a 500.
 */
public final class Db {

    private Db() {
    }

    public static <T> T inTransaction(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    public static <T> T read(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(work));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new DatabaseUnavailableException(e);
        }
    }
}
