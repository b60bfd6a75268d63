package io.baas.keyuse;

import io.baas.store.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The key-use log in PostgreSQL: each record committed in its own transaction before the key is used. */
@ApplicationScoped
public class DatabaseKeyUseLog implements KeyUseLog {

    private final Clock clock = Clock.systemUTC();

    @Override
    public void record(KeyUse use) {
        KeyUseRecord record = new KeyUseRecord();
        record.occurredAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        record.organization = use.organization();
        record.identity = clip(use.identity(), 255);
        record.action = use.action().label();
        record.actor = clip(use.actor(), 255);
        record.resource = clip(use.resource(), 512);
        record.detail = use.detail() == null ? null : clip(use.detail(), 2048);
        try {
            Db.inTransaction(record::persist);
        } catch (RuntimeException e) {
            // Whatever went wrong (down, refused, a constraint), the use is not on record: it must not happen.
            throw new KeyUseNotRecordedException(use, e);
        }
    }

    private static String clip(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }
}
