package io.baas.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit of the per-request records, against the real PostgreSQL: callers lined up behind a
 * write share one statement, one refused row fails only its own call, and a database that cannot be
 * reached fails every queued call rather than leaving one unrecorded.
 */
@QuarkusTest
class RowInsertTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    AgroalDataSource dataSource;

    private final RowInsert insert = RowInsert.into("row_insert_probe", "label", "caller");
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeEach
    void createTable() throws SQLException {
        execute("DROP TABLE IF EXISTS row_insert_probe");
        execute("CREATE TABLE row_insert_probe (label VARCHAR(8) NOT NULL, caller INTEGER NOT NULL)");
    }

    @AfterEach
    void dropTable() throws SQLException {
        callers.shutdownNow();
        execute("DROP TABLE IF EXISTS row_insert_probe");
    }

    @Test
    void aCallerAloneWritesItsRowAtOnce() throws Exception {
        insert.write(dataSource, "alone", 1);
        assertThat(rows()).containsExactly("alone/1");
        assertThatThrownBy(() -> insert.write(dataSource, "too many", 1, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rowsQueuedBehindAWriteAreCommittedTogetherBeforeTheirCallsReturn() throws Exception {
        Gate gate = new Gate(dataSource, null);
        List<Future<?>> queued = fiveQueuedBehindAHeldWrite(gate, caller -> "queued");
        for (Future<?> call : queued) {
            call.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        assertThat(rows()).containsExactlyInAnyOrder("first/0", "queued/1", "queued/2", "queued/3", "queued/4", "queued/5");
        assertThat(gate.connections()).as("the first row's statement, then one for the five queued behind it").isEqualTo(2);
    }

    @Test
    void aRowTheDatabaseRefusesFailsOnlyItsOwnCall() throws Exception {
        Gate gate = new Gate(dataSource, null);
        List<Future<?>> queued = fiveQueuedBehindAHeldWrite(gate, caller -> caller == 3 ? "longer than eight" : "queued");
        for (int caller = 1; caller <= 5; caller++) {
            Future<?> call = queued.get(caller - 1);
            if (caller == 3) {
                assertThatThrownBy(() -> call.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).hasRootCauseInstanceOf(SQLException.class)
                        .rootCause().satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22001"));
            } else {
                call.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
        }
        assertThat(rows()).containsExactlyInAnyOrder("first/0", "queued/1", "queued/2", "queued/4", "queued/5");
    }

    @Test
    void aDatabaseThatCannotBeReachedFailsEveryQueuedCall() throws Exception {
        Gate gate = new Gate(dataSource, new SQLException("Connection refused", "08001"));
        List<Future<?>> queued = fiveQueuedBehindAHeldWrite(gate, caller -> "queued");
        for (Future<?> call : queued) {
            assertThatThrownBy(() -> call.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .hasCauseInstanceOf(DatabaseUnavailableException.class);
        }
        assertThat(rows()).containsExactly("first/0");
        assertThat(gate.connections()).as("no row tried again on its own against a database that is down").isEqualTo(2);
    }

    @Test
    void anErrorWhileWritingQueuedRowsLeavesNoCallerWaiting() throws Exception {
        Gate gate = new Gate(dataSource, new AssertionError("the writer broke"));
        List<Future<?>> queued = fiveQueuedBehindAHeldWrite(gate, caller -> "queued");

        int errors = 0;
        for (Future<?> call : queued) {
            try {
                call.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                fail("a row was written through a broken writer");
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof AssertionError) {
                    errors++; // the caller that wrote the batch
                } else {
                    assertThat(e.getCause()).isInstanceOf(IllegalStateException.class).hasRootCauseMessage("the writer broke");
                }
            }
        }
        assertThat(errors).as("only the writing caller sees the error itself").isEqualTo(1);
        assertThat(rows()).containsExactly("first/0");
        insert.write(dataSource, "after", 6);
        assertThat(rows()).containsExactlyInAnyOrder("first/0", "after/6");
    }

    @Test
    void anErrorWhileWritingLeavesNoCallerWaitingWhateverDataSourceItsRowGoesTo() throws Exception {
        Gate gate = new Gate(dataSource, new AssertionError("the writer broke"));
        // Callers 2 and 4 write through the plain data source: their rows are taken from the queue
        // with the others', and may be behind the broken write or before it.
        List<Future<?>> queued = fiveQueuedBehindAHeldWrite(gate, caller -> "queued", caller -> caller % 2 == 0 ? dataSource : gate.dataSource());

        int errors = 0;
        for (int caller = 1; caller <= 5; caller++) {
            try {
                queued.get(caller - 1).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                assertThat(caller % 2).as("only a row through the plain data source can be written").isZero();
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof AssertionError) {
                    errors++;
                } else {
                    assertThat(e.getCause()).isInstanceOf(IllegalStateException.class).hasRootCauseMessage("the writer broke");
                }
            }
        }
        assertThat(errors).as("only the writing caller sees the error itself").isEqualTo(1);
    }

    /**
     * Caller 0 writes "first" and is held at the database; callers 1..5 queue their rows behind it;
     * then the gate opens and caller 0's write must succeed. Returns the calls of callers 1..5.
     */
    private List<Future<?>> fiveQueuedBehindAHeldWrite(Gate gate, IntFunction<String> label) throws Exception {
        return fiveQueuedBehindAHeldWrite(gate, label, caller -> gate.dataSource());
    }

    /** As above, each of callers 1..5 writing through the data source {@code source} gives it. */
    private List<Future<?>> fiveQueuedBehindAHeldWrite(Gate gate, IntFunction<String> label, IntFunction<DataSource> source) throws Exception {
        int n = 5;
        Future<?> first = callers.submit(() -> insert.write(gate.dataSource(), "first", 0));
        gate.awaitHeld();
        List<Future<?>> calls = new ArrayList<>();
        for (int caller = 1; caller <= n; caller++) {
            int id = caller;
            calls.add(callers.submit(() -> insert.write(source.apply(id), label.apply(id), id)));
        }
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (insert.queuedRows() < n) {
            if (System.nanoTime() > deadline) {
                fail("only " + insert.queuedRows() + " of " + n + " rows queued");
            }
            Thread.sleep(1);
        }
        gate.open();
        first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        return calls;
    }

    private List<String> rows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                var result = statement.executeQuery("SELECT label, caller FROM row_insert_probe")) {
            while (result.next()) {
                rows.add(result.getString(1) + "/" + result.getInt(2));
            }
        }
        return rows;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * The real data source, except that the first connection is held until {@link #open} and, when
     * {@code laterConnections} is given, asking for any later one throws it.
     */
    private static final class Gate {

        private final DataSource delegate;
        private final Throwable laterConnections;
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch opened = new CountDownLatch(1);
        private final AtomicInteger connections = new AtomicInteger();
        private final DataSource proxy;

        Gate(DataSource delegate, Throwable laterConnections) {
            this.delegate = delegate;
            this.laterConnections = laterConnections;
            this.proxy = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class}, this::invoke);
        }

        private Object invoke(Object self, java.lang.reflect.Method method, Object[] args) throws Throwable {
            if (method.getName().equals("getConnection")) {
                int number = connections.incrementAndGet();
                if (number == 1) {
                    held.countDown();
                    if (!opened.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                        throw new SQLException("the test never opened the gate", "08001");
                    }
                } else if (laterConnections != null) {
                    throw laterConnections;
                }
            }
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        DataSource dataSource() {
            return proxy;
        }


        void awaitHeld() throws InterruptedException {
            assertThat(held.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the first write reached the database").isTrue();
        }

        void open() {
            opened.countDown();
        }

        int connections() {
            return connections.get();
        }
    }
}
