package io.baas.apps;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The asset's events (Issue, Transfer) as their transactions committed, in block order.
 *
 * @param nextBlock where the next poll starts: the block after the last one read
 */
public record AssetEvents(List<Event> items, long nextBlock) {

    /** One event: its block and transaction, its name, and its payload as the chaincode wrote it. */
    public record Event(long blockNumber, String txId, String name, JsonNode payload) {
    }
}
