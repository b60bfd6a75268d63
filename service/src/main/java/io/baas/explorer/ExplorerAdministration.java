package io.baas.explorer;

import io.agroal.api.AgroalDataSource;
import io.baas.error.DomainException;
import io.baas.error.FieldError;
import io.baas.store.DatabaseUnavailableException;
import io.baas.store.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The platform admins' side of the explorer: every indexed ledger, and re-indexing one from a block. */
@ApplicationScoped
public class ExplorerAdministration {

    private final AgroalDataSource database;
    private final ExplorerQueries queries;

    ExplorerAdministration(AgroalDataSource database) {
        this.database = database;
        this.queries = new ExplorerQueries(database);
    }

    public List<ExplorerViews.Ledger> ledgers() {
        return queries.channels().stream().map(ExplorerQueries::ledger).toList();
    }

    /**
     * Forgets the ledger's blocks from {@code fromBlock} on (from its trusted block when lower) and
     * clears a Degraded state; its indexer starts again from there at the next discovery.
     */
    public ExplorerViews.Ledger reindex(long id, long fromBlock) {
        IndexedChannel channel = queries.channels().stream().filter(c -> c.id() == id).findFirst()
                .orElseThrow(() -> DomainException.notFound("No indexed ledger " + id + "."));
        if (fromBlock > channel.nextBlock()) {
            throw DomainException.invalid("The index has no block " + fromBlock + " yet.", List.of(new FieldError("fromBlock",
                    "must be at most the index's height, " + channel.nextBlock())));
        }
        try (Connection connection = database.getConnection()) {
            return ExplorerQueries.ledger(new IndexStore(connection).reindex(id, fromBlock));
        } catch (SQLException e) {
            throw Db.isUnavailable(e) ? new DatabaseUnavailableException(e) : new IllegalStateException("re-indexing failed", e);
        }
    }
}
