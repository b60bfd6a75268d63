package io.baas.explorer;

import io.agroal.api.AgroalDataSource;
import io.baas.consortium.ChannelService;
import io.baas.crd.Channel;
import io.baas.error.DomainException;
import io.baas.error.FieldError;
import io.baas.explorer.ExplorerViews.BlockDetail;
import io.baas.explorer.ExplorerViews.BlockSummary;
import io.baas.explorer.ExplorerViews.KeyChange;
import io.baas.explorer.ExplorerViews.Page;
import io.baas.explorer.ExplorerViews.TransactionDetail;
import io.baas.explorer.ExplorerViews.TransactionSummary;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A member's view of a channel's index: the channel found as the namespace's organization's own
 * (a member of it, else 404), then read from the index only. A channel not indexed yet answers
 * empty lists and a Pending status.
 */
@ApplicationScoped
public class ChannelExplorer {

    private static final Duration MAX_WINDOW = Duration.ofDays(31);

    private final ChannelService channels;
    private final ExplorerQueries queries;
    private final Clock clock;

    ChannelExplorer(ChannelService channels, AgroalDataSource database) {
        this.channels = channels;
        this.queries = new ExplorerQueries(database);
        this.clock = Clock.systemUTC();
    }

    /** What a query reads: the ledger's index when it has one, and the name it is shown under. */
    public record Scope(Optional<IndexedChannel> indexed, String name, String channelId) {
    }

    /** A channel of the namespace's organization (404 for any other), indexed or not yet. */
    public Scope channel(String namespace, String channelName) {
        Channel channel = channels.channel(namespace, channelName);
        return new Scope(queries.channel(IndexedChannel.CONSORTIUM, ExplorerIndexing.source(channel)), channelName,
                channel.getSpec().channelId);
    }

    /** The overview with each channel's last block time, as far as the index has come; unindexed channels keep none. */
    public io.baas.consortium.ConsortiumOverview withLastBlocks(io.baas.consortium.ConsortiumOverview overview) {
        return overview.withChannels(overview.channels().stream()
                .map(channel -> channel.withLastBlockTime(queries.channel(IndexedChannel.CONSORTIUM,
                                ExplorerIndexing.source(channel.namespace(), channel.name(), channel.channelId()))
                        .flatMap(indexed -> queries.blocks(indexed, 1, 1).items().stream().findFirst())
                        .map(ExplorerViews.BlockSummary::createdAt).orElse(null)))
                .toList());
    }

    /** A registered external channel (404 for an unknown name). */
    public Scope external(String name) {
        IndexedChannel indexed = queries.channel(IndexedChannel.EXTERNAL, name)
                .orElseThrow(() -> DomainException.notFound("External channel " + name + " is not registered."));
        return new Scope(Optional.of(indexed), name, indexed.channelId());
    }

    public ExplorerViews.IndexStatus status(Scope scope) {
        return scope.indexed().map(c -> ExplorerQueries.status(c, scope.name()))
                .orElseGet(() -> new ExplorerViews.IndexStatus(scope.name(), scope.channelId(), "Pending", null, null, 0, null, null,
                        0, 0, 0, 0, null));
    }

    public Page<BlockSummary> blocks(Scope scope, int page, int limit) {
        return scope.indexed().map(c -> queries.blocks(c, page, limit)).orElseGet(() -> new Page<>(List.of(), 0));
    }

    /** The block with a page of its transactions: a block may hold thousands, so they come paged as every list does. */
    public BlockDetail block(Scope scope, long number, int page, int limit) {
        return scope.indexed().flatMap(c -> queries.block(c, number, page, limit))
                .orElseThrow(() -> DomainException.notFound("Block " + number + " of channel " + scope.name() + " is not in the index."));
    }

    public Optional<BlockSummary> blockByHash(Scope scope, String hash) {
        byte[] headerHash = ExplorerQueries.hash(hash).orElseThrow(() -> DomainException.invalid("The block hash is invalid.",
                List.of(new FieldError("hash", "must be 32 bytes in hex (64 digits) or base64"))));
        return scope.indexed().flatMap(c -> queries.blockByHash(c, headerHash));
    }

    public TransactionDetail transaction(Scope scope, String txId) {
        return scope.indexed().flatMap(c -> queries.transaction(c, txId))
                .orElseThrow(() -> DomainException.notFound("Transaction " + txId + " of channel " + scope.name() + " is not in the index."));
    }

    public Page<TransactionSummary> transactions(Scope scope, ExplorerQueries.TransactionFilter filter, int page, int limit) {
        if (filter.key() != null && filter.chaincode() == null) {
            // A key names state only within a chaincode's namespace; across all of them it has no index to be found by.
            throw DomainException.invalid("A key filter needs the chaincode it belongs to.", List.of(new FieldError("chaincode",
                    "must be given with key: a key is one chaincode's")));
        }
        return scope.indexed().map(c -> queries.transactions(c, filter, page, limit)).orElseGet(() -> new Page<>(List.of(), 0));
    }

    public Page<KeyChange> keyHistory(Scope scope, String chaincode, String key, int page, int limit) {
        if (key == null || key.isEmpty()) {
            throw DomainException.invalid("Which key's history?", List.of(new FieldError("key",
                    "must be the key (a composite key with its U+0000 separators, %00 in a query)")));
        }
        return scope.indexed().map(c -> queries.keyHistory(c, chaincode, key, page, limit)).orElseGet(() -> new Page<>(List.of(), 0));
    }

    public ExplorerViews.SearchResult search(Scope scope, String q) {
        if (q == null || q.isBlank()) {
            throw DomainException.invalid("Nothing to search for.", List.of(new FieldError("q", "must be a block number, block hash or transaction ID")));
        }
        return scope.indexed().flatMap(c -> queries.search(c, q))
                .orElseThrow(() -> DomainException.notFound("No block or transaction of channel " + scope.name() + " is " + q.trim() + "."));
    }

    /** Activity over the last {@code window} (at most 31 days): per minute up to 6 hours, per hour beyond. */
    public ExplorerViews.Statistics statistics(Scope scope, String window) {
        Duration span = window(window);
        Instant to = clock.instant();
        Instant from = to.minus(span);
        String step = span.compareTo(Duration.ofHours(6)) <= 0 ? "minute" : "hour";
        ExplorerViews.IndexStatus status = status(scope);
        return scope.indexed().map(c -> queries.statistics(c, status, from, to, step))
                .orElseGet(() -> new ExplorerViews.Statistics(status, from, to, step, List.of(), List.of(), List.of()));
    }

    /** A filter's status: VALID, INVALID, or absent. */
    public static Boolean validity(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        return switch (status.trim().toUpperCase(Locale.ROOT)) {
            case "VALID" -> true;
            case "INVALID" -> false;
            default -> throw DomainException.invalid("The status filter is invalid.", List.of(new FieldError("status", "must be valid or invalid")));
        };
    }

    /** An instant filter in ISO 8601 (2026-12-04T10:00:00Z), or absent. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw DomainException.invalid("The " + name + " filter is invalid.", List.of(new FieldError(name,
                    "must be an ISO 8601 instant such as 2026-12-04T10:00:00Z")));
        }
    }

    private static Duration window(String window) {
        if (window == null || window.isBlank()) {
            return Duration.ofHours(1);
        }
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(\\d{1,5})([mhd])").matcher(window.trim());
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            Duration span = switch (matcher.group(2)) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            if (!span.isZero() && span.compareTo(MAX_WINDOW) <= 0) {
                return span;
            }
        }
        throw DomainException.invalid("The window is invalid.", List.of(new FieldError("window",
                "must be a duration such as 30m, 1h, 24h or 7d, at most 31d")));
    }
}
