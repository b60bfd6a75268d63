package io.baas.fabric.sandbox.peer.ledger;

import com.google.protobuf.ByteString;
import java.time.Instant;

/** One committed change of a key, as GetHistoryForKey returns it (KeyModification). */
public record HistoryEntry(String txId, long blockNumber, long txNumber, ByteString value, boolean delete, Instant timestamp) {
}
