package io.baas.health;

import io.baas.store.DatabaseMigrator;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once the schema is migrated; until then it says what it is waiting for. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private final DatabaseMigrator migrator;

    DatabaseReadiness(DatabaseMigrator migrator) {
        this.migrator = migrator;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("database-migrated").withData("url", migrator.jdbcUrl());
        if (migrator.migrated()) {
            return response.up().build();
        }
        return response.down().withData("waitingFor", migrator.lastProblem()).build();
    }
}
