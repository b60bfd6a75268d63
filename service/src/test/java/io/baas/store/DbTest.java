package io.baas.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.error.DomainException;
import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** What awaiting Hibernate Reactive work throws, as callers and the API's error mappers see it. */
class DbTest {

    @Test
    void aRefusedConnectionWrappedByTheAwaitIsUnavailable() {
        RuntimeException seen = Db.translate(new CompletionException(new ConnectException("Connection refused")));
        assertThat(seen).isInstanceOf(DatabaseUnavailableException.class).hasMessageContaining("Connection refused");
        assertThat(Db.translate(new ExecutionException(new CompletionException(new ConnectException("refused")))))
                .isInstanceOf(DatabaseUnavailableException.class);
    }

    @Test
    void postgresqlSayingItCannotServeIsUnavailable() {
        for (String state : new String[] {"08006", "57P01", "53300", "3D000"}) {
            assertThat(Db.translate(new CompletionException(new RuntimeException("wrapped",
                    new PgException("down", "FATAL", state, "detail"))))).as(state).isInstanceOf(DatabaseUnavailableException.class);
        }
    }

    @Test
    void theWorksOwnFailuresPassUnwrappedAndUnchanged() {
        DomainException notFound = DomainException.notFound("no such thing");
        assertThat(Db.translate(new CompletionException(notFound))).isSameAs(notFound);
        PgException duplicate = new PgException("duplicate key", "ERROR", "23505", "detail");
        assertThat(Db.translate(new CompletionException(duplicate))).isSameAs(duplicate);
    }
}
