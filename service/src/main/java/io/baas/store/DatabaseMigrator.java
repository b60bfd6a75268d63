package io.baas.store;

import io.baas.config.BaasConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Migrates PostgreSQL in the background, retrying until it answers, so a database that is down at
 * start delays readiness instead of crashing the service. Readiness reads {@link #migrated()}.
 */
@Singleton
public class DatabaseMigrator {

    private static final Logger LOG = Logger.getLogger(DatabaseMigrator.class);
    private static final String MISSING_DATABASE = "3D000";

    private final Flyway flyway;
    private final BaasConfig config;
    private final String jdbcUrl;
    private final String username;
    private final AtomicBoolean migrated = new AtomicBoolean();
    private final AtomicReference<String> lastProblem = new AtomicReference<>("first connection attempt under way");
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "baas-db-migrator");
        thread.setDaemon(true);
        return thread;
    });

    DatabaseMigrator(Flyway flyway, BaasConfig config,
                     @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                     @ConfigProperty(name = "quarkus.datasource.username", defaultValue = "") String username) {
        this.flyway = flyway;
        this.config = config;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
    }

    void onStart(@Observes StartupEvent event) {
        executor.execute(this::attempt);
    }

    void onStop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }

    public boolean migrated() {
        return migrated.get();
    }

    /** Why the database is not ready, for the readiness check. */
    public String lastProblem() {
        return lastProblem.get();
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    private void attempt() {
        try {
            var result = flyway.migrate();
            migrated.set(true);
            lastProblem.set("");
            LOG.infof("PostgreSQL %s is migrated (schema version %s, %d migrations applied now).",
                    jdbcUrl, flyway.info().current() == null ? "none" : flyway.info().current().getVersion(), result.migrationsExecuted);
        } catch (RuntimeException e) {
            String problem = rootMessage(e);
            if (config.database().createIfMissing() && isMissingDatabase(e)) {
                createDatabase();
                executor.execute(this::attempt);
                return;
            }
            lastProblem.set(problem);
            LOG.warnf("Waiting for PostgreSQL at %s: %s. Retrying in %s.", jdbcUrl, problem, config.database().retryInterval());
            executor.schedule(this::attempt, config.database().retryInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Dev and test convenience: make the database on a fresh PostgreSQL instead of waiting forever. */
    private void createDatabase() {
        JdbcUrl url = JdbcUrl.parse(jdbcUrl);
        try (Connection connection = DriverManager.getConnection(url.withDatabase("postgres"), username, null);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + url.quotedDatabase());
            LOG.infof("Created the missing database %s.", url.database());
        } catch (SQLException e) {
            LOG.warnf("Could not create the missing database %s: %s", url.database(), e.getMessage());
        }
    }

    private static boolean isMissingDatabase(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && MISSING_DATABASE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
