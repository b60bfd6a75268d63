package io.baas.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.baas.application.Applications;
import io.baas.apps.ChannelCalls;
import io.baas.config.BaasConfig;
import io.baas.iam.Caller;
import io.baas.store.DatabaseMigrator;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Delivers webhooks: each round, this replica takes the lease of the webhooks that are due (one
 * replica per webhook), reads the chaincode's events from the checkpoint on through the
 * organization's peer as the application, and POSTs them one by one in block order. The checkpoint
 * moves after each delivery (at least once: a crash between the two delivers that event again);
 * a failure waits with doubling back-off and, after the configured attempts, the event goes to
 * the dead letters and delivery moves on. Every checkpoint write expects the checkpoint it read,
 * so a replay asked for meanwhile wins.
 */
@ApplicationScoped
public class WebhookDeliveries {

    private static final Logger LOG = Logger.getLogger(WebhookDeliveries.class);
    private static final int BLOCKS_PER_ROUND = 20;
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final AgroalDataSource dataSource;
    private final Applications applications;
    private final ChannelCalls calls;
    private final ObjectMapper json;
    private final BaasConfig.OpenApi.Webhooks config;
    private final DatabaseMigrator migrator;
    private final String owner = UUID.randomUUID().toString();
    private final HttpClient http;
    private ScheduledExecutorService executor;

    WebhookDeliveries(AgroalDataSource dataSource, Applications applications, ChannelCalls calls, ObjectMapper json, BaasConfig config,
                      DatabaseMigrator migrator) {
        this.migrator = migrator;
        this.dataSource = dataSource;
        this.applications = applications;
        this.calls = calls;
        this.json = json;
        this.config = config.openApi().webhooks();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(this.config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts the rounds (again, after {@link #stop}: a restart resumes from the checkpoints in PostgreSQL). */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "baas-webhook-deliveries");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::round, 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets the round under way finish, then gives up this replica's leases so another may take them at once. */
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(config.timeout().toMillis() * 2, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
        try {
            update("UPDATE application_webhook SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?", owner);
        } catch (RuntimeException e) {
            LOG.debugf("Webhook leases not released (they expire): %s", e.getMessage());
        }
    }

    /** A webhook leased for a round, with its checkpoint as read. */
    private record Leased(long id, long applicationId, String name, String kind, String url, String channel, String chaincode,
                          String eventName, long nextBlock, int doneInBlock, int attempts) {
    }

    private void round() {
        // A first start migrates in the background: until the tables exist there is nothing to deliver (and nothing to warn about).
        if (!migrator.migrated()) {
            return;
        }
        try {
            for (Leased webhook : leaseDue()) {
                deliver(webhook);
            }
        } catch (RuntimeException e) {
            LOG.warnf("A webhook round failed: %s", e.getMessage());
        }
    }

    private List<Leased> leaseDue() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("UPDATE application_webhook SET lease_owner = ?, "
                     + "lease_until = now() + make_interval(secs => ?) WHERE (lease_owner IS NULL OR lease_owner = ? OR lease_until < now()) "
                     + "AND (retry_at IS NULL OR retry_at <= now()) RETURNING id, application_id, name, kind, url, channel, chaincode, event_name, "
                     + "next_block, done_in_block, attempts")) {
            statement.setString(1, owner);
            statement.setDouble(2, LEASE.toSeconds());
            statement.setString(3, owner);
            List<Leased> due = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    due.add(new Leased(rows.getLong("id"), rows.getLong("application_id"), rows.getString("name"), rows.getString("kind"),
                            rows.getString("url"),
                            rows.getString("channel"), rows.getString("chaincode"), rows.getString("event_name"), rows.getLong("next_block"),
                            rows.getInt("done_in_block"), rows.getInt("attempts")));
                }
            }
            due.sort(java.util.Comparator.comparingLong(Leased::id));
            return due;
        } catch (SQLException e) {
            throw new IllegalStateException("Webhooks cannot be leased: " + e.getMessage(), e);
        }
    }

    private void deliver(Leased webhook) {
        Optional<Applications.DeliverySigner> signer = applications.deliverySigner(webhook.applicationId());
        if (signer.isEmpty()) {
            rest(webhook, config.maxRetryDelay(), "The application's namespace is no longer held by the consortium it was made in.");
            return;
        }
        ChannelCalls.EventPage page;
        try {
            Caller caller = new Caller(signer.get().principal(), Set.of());
            page = NewWebhook.TRANSACTION_STATUS.equals(webhook.kind())
                    ? calls.ownTransactions(signer.get().namespace(), webhook.channel(), webhook.nextBlock(), BLOCKS_PER_ROUND, caller)
                    : calls.events(signer.get().namespace(), webhook.channel(), webhook.chaincode(), webhook.nextBlock(), BLOCKS_PER_ROUND,
                    caller);
        } catch (RuntimeException e) {
            rest(webhook, config.maxRetryDelay(), "The channel's events cannot be read: " + e.getMessage());
            return;
        }
        Checkpoint at = new Checkpoint(webhook.nextBlock(), webhook.doneInBlock());
        int attempts = webhook.attempts();
        long block = -1;
        int index = 0;
        for (ChannelCalls.CommittedEvent event : page.events()) {
            if (event.blockNumber() != block) {
                block = event.blockNumber();
                index = 0;
            }
            int position = index++;
            if (block == webhook.nextBlock() && position < webhook.doneInBlock()) {
                continue;
            }
            Checkpoint past = new Checkpoint(block, position + 1);
            if (webhook.eventName() != null && !webhook.eventName().equals(event.name())) {
                continue; // passed over; saved with the next delivery or at the page's end
            }
            Optional<String> failure = post(webhook, signer.get(), event, position);
            if (failure.isEmpty()) {
                if (!advance(webhook, at, past, 1)) {
                    return;
                }
                at = past;
                attempts = 0;
                continue;
            }
            attempts++;
            if (attempts < config.maxAttempts()) {
                fail(webhook, at, new Checkpoint(block, position), attempts, failure.get());
                return;
            }
            deadLetter(webhook, event, attempts, failure.get());
            if (!advance(webhook, at, past, 0)) {
                return;
            }
            at = past;
            attempts = 0;
        }
        Checkpoint end = new Checkpoint(Math.max(page.nextBlock(), webhook.nextBlock()), page.nextBlock() > webhook.nextBlock() ? 0 : at.done());
        if (!end.equals(at)) {
            advance(webhook, at, end, 0);
        }
        if (page.nextBlock() <= webhook.nextBlock()) {
            rest(webhook, config.idlePollInterval(), null);
        }
    }

    /** Where delivery stands: the block being delivered and how many of the chaincode's events in it are done. */
    private record Checkpoint(long block, int done) {
    }

    /** POSTs one event; empty when the receiver answered 2xx, else what went wrong. */
    private Optional<String> post(Leased webhook, Applications.DeliverySigner signer, ChannelCalls.CommittedEvent event, int position) {
        if (signer.secrets().isEmpty()) {
            return Optional.of("The application has no enabled key to sign deliveries with.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("webhook", webhook.name());
        body.put("kind", webhook.kind());
        body.put("namespace", signer.namespace());
        body.put("application", signer.name());
        body.put("channel", webhook.channel());
        body.put("chaincode", webhook.chaincode());
        body.put("blockNumber", event.blockNumber());
        body.put("txId", event.txId());
        body.put("eventName", event.name());
        body.put("payload", Base64.getEncoder().encodeToString(event.payload()));
        text(event.payload()).ifPresent(text -> body.put("payloadText", text));
        try {
            byte[] bytes = json.writeValueAsBytes(body);
            String time = DATE.format(Instant.now());
            HttpRequest request = HttpRequest.newBuilder(URI.create(webhook.url())).timeout(config.timeout())
                    .header("Content-Type", "application/json").header("User-Agent", "ks-baas-webhook")
                    .header("X-Ksb-Delivery", event.blockNumber() + ":" + event.txId() + ":" + position)
                    .header("X-Ksb-Date", time)
                    .header(WebhookSignature.HEADER, WebhookSignature.header(time, bytes, signer.secrets()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? Optional.empty() : Optional.of("The receiver answered HTTP " + status + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("Interrupted.");
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.of("The receiver could not be reached: " + e.getMessage());
        }
    }

    private static Optional<String> text(byte[] payload) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(payload)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Moves the checkpoint from what was read to past an event; false when it changed meanwhile (a replay) or the lease is gone. */
    private boolean advance(Leased webhook, Checkpoint from, Checkpoint to, int delivered) {
        return update("UPDATE application_webhook SET next_block = ?, done_in_block = ?, attempts = 0, retry_at = NULL, last_error = NULL, "
                + "delivered = delivered + ? WHERE id = ? AND next_block = ? AND done_in_block = ? AND lease_owner = ?",
                to.block(), to.done(), delivered, webhook.id(), from.block(), from.done(), owner) == 1;
    }

    private void fail(Leased webhook, Checkpoint from, Checkpoint to, int attempts, String error) {
        Duration wait = config.firstRetryDelay().multipliedBy(1L << Math.min(attempts - 1, 20));
        if (wait.compareTo(config.maxRetryDelay()) > 0) {
            wait = config.maxRetryDelay();
        }
        update("UPDATE application_webhook SET next_block = ?, done_in_block = ?, attempts = ?, retry_at = ?, last_error = ? "
                + "WHERE id = ? AND next_block = ? AND done_in_block = ? AND lease_owner = ?", to.block(), to.done(), attempts,
                Timestamp.from(Instant.now().plus(wait)), clip(error), webhook.id(), from.block(), from.done(), owner);
    }

    /** Not now: no new block, or nothing to deliver with; looked at again after the wait. */
    private void rest(Leased webhook, Duration wait, String error) {
        update("UPDATE application_webhook SET retry_at = ?, last_error = coalesce(?, last_error) WHERE id = ? AND lease_owner = ?",
                Timestamp.from(Instant.now().plus(wait)), error == null ? null : clip(error), webhook.id(), owner);
    }

    private void deadLetter(Leased webhook, ChannelCalls.CommittedEvent event, int attempts, String error) {
        update("INSERT INTO application_webhook_dead_letter (webhook_id, block_number, tx_id, event_name, payload, attempts, last_error, "
                + "failed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", webhook.id(), event.blockNumber(), event.txId(), event.name(), event.payload(),
                attempts, clip(error), Timestamp.from(Instant.now()));
        LOG.infof("Webhook %s gave up on event %s of transaction %s after %d attempts: %s", webhook.name(), event.name(), event.txId(),
                attempts, error);
    }

    private int update(String sql, Object... parameters) {
        return Webhooks.update(dataSource, sql, parameters);
    }

    private static String clip(String text) {
        return text.length() > 1024 ? text.substring(0, 1024) : text;
    }
}
