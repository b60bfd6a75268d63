package io.baas.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit against the real PostgreSQL: concurrent writers share statements, each returns only
 * once its own row is committed, a bad row fails alone, and a database that is down fails every
 * waiting writer instead of leaving one hanging.
 */
@QuarkusTest
class RowInsertTest {

    @Inject
    AgroalDataSource dataSource;

    private final String table = "row_insert_test_" + UUID.randomUUID().toString().replace("-", "");
    private final ExecutorService writers = Executors.newCachedThreadPool();
    private final AtomicInteger connections = new AtomicInteger();
    private final CountDownLatch gate = new CountDownLatch(1);
    private final AtomicBoolean gateFirstConnection = new AtomicBoolean();
    private final AtomicBoolean down = new AtomicBoolean();
    private javax.sql.DataSource counted;

    @BeforeEach
    void createTable() throws SQLException {
        counted = counting();
        execute("CREATE TABLE " + table + " (marker VARCHAR(8) NOT NULL, written_by VARCHAR(64))");
    }

    @AfterEach
    void dropTable() throws SQLException {
        gate.countDown();
        writers.shutdownNow();
        execute("DROP TABLE IF EXISTS " + table);
    }

    @Test
    void writersWaitingBehindAnotherShareOneStatement() throws Exception {
        RowInsert insert = RowInsert.into(table, "marker", "written_by");
        gateFirstConnection.set(true);
        Future<?> first = writers.submit(() -> insert.write(counted, "first", null));
        await(() -> connections.get() == 1); // the first writer holds the turn, stopped at its connection
        List<Future<?>> waiting = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String marker = "w" + i;
            waiting.add(writers.submit(() -> insert.write(counted, marker, null)));
        }
        await(() -> insert.queued() == 4);
        assertThat(rows()).isEmpty();

        gate.countDown();
        first.get(1, TimeUnit.MINUTES);
        for (Future<?> writer : waiting) {
            writer.get(1, TimeUnit.MINUTES);
        }
        assertThat(rows()).containsExactlyInAnyOrder("first", "w0", "w1", "w2", "w3");
        assertThat(connections.get()).as("the first row alone, then the four waiting rows in one statement").isEqualTo(2);
    }

    @Test
    void aBadRowFailsAloneAndTheOthersInItsBatchAreWritten() throws Exception {
        RowInsert insert = RowInsert.into(table, "marker", "written_by");
        gateFirstConnection.set(true);
        Future<?> first = writers.submit(() -> insert.write(counted, "first", null));
        await(() -> connections.get() == 1);
        Future<?> good = writers.submit(() -> insert.write(counted, "good", null));
        await(() -> insert.queued() == 1);
        Future<?> bad = writers.submit(() -> insert.write(counted, "far-too-long-for-the-column", null));
        await(() -> insert.queued() == 2);
        Future<?> alsoGood = writers.submit(() -> insert.write(counted, "also", null));
        await(() -> insert.queued() == 3);

        gate.countDown();
        first.get(1, TimeUnit.MINUTES);
        good.get(1, TimeUnit.MINUTES);
        alsoGood.get(1, TimeUnit.MINUTES);
        assertThatThrownBy(() -> bad.get(1, TimeUnit.MINUTES)).hasCauseInstanceOf(RuntimeException.class);
        assertThat(rows()).containsExactlyInAnyOrder("first", "good", "also");
    }

    @Test
    void aDatabaseThatIsDownFailsEveryWaitingWriterAndTheNextWriteWorksAgain() throws Exception {
        RowInsert insert = RowInsert.into(table, "marker", "written_by");
        down.set(true);
        gateFirstConnection.set(true);
        List<Future<?>> failing = new ArrayList<>();
        failing.add(writers.submit(() -> insert.write(counted, "first", null)));
        await(() -> connections.get() == 1);
        for (int i = 0; i < 3; i++) {
            String marker = "d" + i;
            failing.add(writers.submit(() -> insert.write(counted, marker, null)));
        }
        await(() -> insert.queued() == 3);
        gate.countDown();
        for (Future<?> writer : failing) {
            assertThatThrownBy(() -> writer.get(1, TimeUnit.MINUTES)).hasCauseInstanceOf(DatabaseUnavailableException.class);
        }

        down.set(false);
        insert.write(counted, "after", null);
        assertThat(rows()).containsExactly("after");
    }

    @Test
    void manyConcurrentWritersEachFindTheirRowWrittenWhenTheyReturn() throws Exception {
        RowInsert insert = RowInsert.into(table, "marker", "written_by");
        Map<String, Boolean> seenOnReturn = new ConcurrentHashMap<>();
        List<Future<?>> all = new ArrayList<>();
        for (int thread = 0; thread < 16; thread++) {
            int t = thread;
            all.add(writers.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    String marker = t + "-" + i;
                    insert.write(dataSource, marker, "thread " + t);
                    seenOnReturn.put(marker, rowExists(marker));
                }
                return null;
            }));
        }
        for (Future<?> writer : all) {
            writer.get(5, TimeUnit.MINUTES);
        }
        assertThat(rows()).hasSize(16 * 40).doesNotHaveDuplicates();
        assertThat(seenOnReturn).hasSize(16 * 40).allSatisfy((marker, seen) -> assertThat(seen).as(marker).isTrue());
        assertThat(insert.queued()).isZero();
    }

    @Test
    void refusesTheWrongNumberOfValues() {
        RowInsert insert = RowInsert.into(table, "marker", "written_by");
        assertThatThrownBy(() -> insert.write(dataSource, "only one")).isInstanceOf(IllegalArgumentException.class);
        assertThat(insert.queued()).isZero();
    }

    /** The service's data source, counting connections; the first may wait at the gate; "down" refuses them. */
    private javax.sql.DataSource counting() {
        return (javax.sql.DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {javax.sql.DataSource.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("getConnection")) {
                        if (connections.incrementAndGet() == 1 && gateFirstConnection.get()) {
                            gate.await(1, TimeUnit.MINUTES);
                        }
                        if (down.get()) {
                            throw new SQLException("connection refused", "08001");
                        }
                    }
                    try {
                        return method.invoke(dataSource, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Waits for a state the writers reach on their own; the bound only guards against a hang. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the writers never got there");
            }
            Thread.sleep(5);
        }
    }

    private List<String> rows() throws SQLException {
        List<String> markers = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT marker FROM " + table)) {
            while (rows.next()) {
                markers.add(rows.getString(1));
            }
        }
        return markers;
    }

    private boolean rowExists(String marker) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             var select = connection.prepareStatement("SELECT 1 FROM " + table + " WHERE marker = ?")) {
            select.setString(1, marker);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
