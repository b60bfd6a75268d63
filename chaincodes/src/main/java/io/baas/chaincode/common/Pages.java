package io.baas.chaincode.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * One page of the entries under a partial composite key, in key order, as the peer pages them:
 * the bookmark is the key the next page starts at, empty after the last page. Fabric allows paged
 * queries in read-only transactions only, so listings are evaluate transactions.
 */
public final class Pages {

    private Pages() {
    }

    /** {@code {"items":[...],"fetched":n,"bookmark":"..."}} with one item per entry. */
    public static String page(ChaincodeStub stub, CompositeKey prefix, String pageSizeArg, String bookmarkArg,
                              Function<KeyValue, String> item) {
        int pageSize = Args.pageSize(pageSizeArg);
        String bookmark = bookmarkArg == null ? "" : bookmarkArg;
        // The peer starts at the bookmark as given: one outside this listing would read other keys.
        if (!bookmark.isEmpty() && !bookmark.startsWith(prefix.toString())) {
            throw Failure.invalid("the bookmark does not belong to this listing; pass the bookmark of its previous page, or none");
        }
        List<String> items = new ArrayList<>();
        String next;
        try (QueryResultsIteratorWithMetadata<KeyValue> results =
                     stub.getStateByPartialCompositeKeyWithPagination(prefix, pageSize, bookmark)) {
            for (KeyValue entry : results) {
                items.add(item.apply(entry));
            }
            QueryResponseMetadata metadata = results.getMetadata();
            next = metadata == null ? "" : metadata.getBookmark();
        }
        return Json.object()
                .putRaw("items", Json.array(items))
                .put("fetched", items.size())
                .put("bookmark", next)
                .toString();
    }
}
