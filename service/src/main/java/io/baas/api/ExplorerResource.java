package io.baas.api;

import io.baas.explorer.ChannelExplorer;
import io.baas.explorer.ExplorerQueries;
import io.baas.explorer.ExplorerViews;
import io.baas.k8s.DnsLabel;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The block explorer of a channel the namespace's organization is a member of: blocks,
 * transactions, a key's history, search and activity, all read from the explorer's index (never
 * from a peer), which follows each channel's blocks as they commit.
 */
@Path(ConsortiumResource.BASE + "/namespaces/{namespace}/channels/{channel}")
@Produces(MediaType.APPLICATION_JSON)
public class ExplorerResource {

    private static final int MAX_LIMIT = 100;

    private final ChannelExplorer explorer;

    ExplorerResource(ChannelExplorer explorer) {
        this.explorer = explorer;
    }

    @GET
    @Path("/statistics")
    @Operation(summary = "The channel's index (height, state, counts) and its activity over a window (30m, 1h, 24h, 7d; at most 31d):"
            + " transactions per minute or hour, by organization, by chaincode")
    public ExplorerViews.Statistics statistics(@PathParam("namespace") @DnsLabel String namespace,
                                               @PathParam("channel") @DnsLabel String channel, @QueryParam("window") String window) {
        return explorer.statistics(explorer.channel(namespace, channel), window);
    }

    @GET
    @Path("/blocks")
    @Operation(summary = "The channel's blocks, newest first; with hash=, the block with that header hash (hex or base64)")
    public ListResult<ExplorerViews.BlockSummary> blocks(@PathParam("namespace") @DnsLabel String namespace,
                                                         @PathParam("channel") @DnsLabel String channel,
                                                         @QueryParam("page") String page, @QueryParam("limit") String limit,
                                                         @QueryParam("hash") String hash) {
        return blocks(explorer, explorer.channel(namespace, channel), page, limit, hash);
    }

    @GET
    @Path("/blocks/{number}")
    @Operation(summary = "A block by number, with a page of its transactions in block order (block.transactions counts them all)")
    public ExplorerViews.BlockDetail block(@PathParam("namespace") @DnsLabel String namespace, @PathParam("channel") @DnsLabel String channel,
                                           @PathParam("number") String number, @QueryParam("page") String page,
                                           @QueryParam("limit") String limit) {
        return explorer.block(explorer.channel(namespace, channel), QueryNumbers.parse("number", number, -1, 0, Long.MAX_VALUE), page(page),
                limit(limit));
    }

    @GET
    @Path("/transactions")
    @Operation(summary = "The channel's transactions, newest first, filtered by chaincode, creator (MSP ID), status (valid or invalid),"
            + " time (from, to: ISO 8601) and a key of that chaincode they wrote (key needs chaincode)")
    public ListResult<ExplorerViews.TransactionSummary> transactions(@PathParam("namespace") @DnsLabel String namespace,
                                                                     @PathParam("channel") @DnsLabel String channel,
                                                                     @QueryParam("chaincode") String chaincode,
                                                                     @QueryParam("creator") String creator,
                                                                     @QueryParam("status") String status,
                                                                     @QueryParam("from") String from, @QueryParam("to") String to,
                                                                     @QueryParam("key") String key,
                                                                     @QueryParam("page") String page, @QueryParam("limit") String limit) {
        return list(explorer.transactions(explorer.channel(namespace, channel), filter(chaincode, creator, status, from, to, key), page(page),
                limit(limit)));
    }

    @GET
    @Path("/transactions/{txId}")
    @Operation(summary = "A transaction by ID, with its arguments, read-write sets, endorsements, response and event")
    public ExplorerViews.TransactionDetail transaction(@PathParam("namespace") @DnsLabel String namespace,
                                                       @PathParam("channel") @DnsLabel String channel, @PathParam("txId") String txId) {
        return explorer.transaction(explorer.channel(namespace, channel), txId);
    }

    @GET
    @Path("/keys/{chaincode}/{key}/history")
    @Operation(summary = "The valid writes of a chaincode's key, newest first")
    public ListResult<ExplorerViews.KeyChange> keyHistory(@PathParam("namespace") @DnsLabel String namespace,
                                                          @PathParam("channel") @DnsLabel String channel,
                                                          @PathParam("chaincode") String chaincode, @PathParam("key") String key,
                                                          @QueryParam("page") String page, @QueryParam("limit") String limit) {
        return list(explorer.keyHistory(explorer.channel(namespace, channel), chaincode, key, page(page), limit(limit)));
    }

    @GET
    @Path("/keys/{chaincode}/history")
    @Operation(summary = "The valid writes of a chaincode's key named in the query, newest first: any key, composite keys with their"
            + " U+0000 separators (%00), which no path can carry")
    public ListResult<ExplorerViews.KeyChange> anyKeyHistory(@PathParam("namespace") @DnsLabel String namespace,
                                                             @PathParam("channel") @DnsLabel String channel,
                                                             @PathParam("chaincode") String chaincode, @QueryParam("key") String key,
                                                             @QueryParam("page") String page, @QueryParam("limit") String limit) {
        return list(explorer.keyHistory(explorer.channel(namespace, channel), chaincode, key, page(page), limit(limit)));
    }

    @GET
    @Path("/search")
    @Operation(summary = "What q is: a block number, a block hash (hex or base64) or a transaction ID; 404 when none")
    public ExplorerViews.SearchResult search(@PathParam("namespace") @DnsLabel String namespace,
                                             @PathParam("channel") @DnsLabel String channel, @QueryParam("q") String q) {
        return explorer.search(explorer.channel(namespace, channel), q);
    }

    static ExplorerQueries.TransactionFilter filter(String chaincode, String creator, String status, String from, String to, String key) {
        return new ExplorerQueries.TransactionFilter(blankToNull(chaincode), blankToNull(creator), ChannelExplorer.validity(status),
                ChannelExplorer.instant("from", from), ChannelExplorer.instant("to", to), key == null || key.isEmpty() ? null : key);
    }

    static ListResult<ExplorerViews.BlockSummary> blocks(ChannelExplorer explorer, ChannelExplorer.Scope scope, String page, String limit,
                                                        String hash) {
        if (hash != null) {
            List<ExplorerViews.BlockSummary> found = explorer.blockByHash(scope, hash).stream().toList();
            return new ListResult<>(found, found.size());
        }
        return list(explorer.blocks(scope, page(page), limit(limit)));
    }

    static <T> ListResult<T> list(ExplorerViews.Page<T> page) {
        return new ListResult<>(page.items(), (int) Math.min(Integer.MAX_VALUE, page.total()));
    }

    static int page(String page) {
        return (int) QueryNumbers.parse("page", page, 1, 1, 1_000_000);
    }

    static int limit(String limit) {
        return (int) QueryNumbers.parse("limit", limit, 20, 1, MAX_LIMIT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
