package io.baas.fabric.sandbox.peer.privdata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;

/**
 * Fabric's transient store: the private write sets of endorsed transactions, from this peer's
 * endorsements and from other peers' dissemination, kept until the transaction commits (then the
 * committer takes the data into the private state) or until {@link #RETENTION_BLOCKS} blocks have
 * passed since it arrived (core.yaml's peer.gossip.pvtData.transientstoreMaxBlockRetention).
 */
public final class TransientStore {

    public static final long RETENTION_BLOCKS = 1000;

    private record Stored(TxPvtReadWriteSet rwset, long receivedAtHeight) {
    }

    private final Map<String, Map<String, List<Stored>>> channels = new HashMap<>();

    /** Keeps one endorsement's private write set of a transaction; several endorsers may each give one. */
    public synchronized void persist(String channelId, String txId, TxPvtReadWriteSet rwset, long height) {
        channels.computeIfAbsent(channelId, c -> new HashMap<>()).computeIfAbsent(txId, t -> new ArrayList<>())
                .add(new Stored(rwset, height));
    }

    /** Every private write set held for the transaction. */
    public synchronized List<TxPvtReadWriteSet> get(String channelId, String txId) {
        return channels.getOrDefault(channelId, Map.of()).getOrDefault(txId, List.of()).stream().map(Stored::rwset).toList();
    }

    /** After a block commits: its transactions' data goes, and data that waited longer than the retention. */
    public synchronized void committed(String channelId, List<String> txIds, long height) {
        Map<String, List<Stored>> transactions = channels.get(channelId);
        if (transactions == null) {
            return;
        }
        txIds.forEach(transactions::remove);
        for (Iterator<List<Stored>> entries = transactions.values().iterator(); entries.hasNext(); ) {
            List<Stored> stored = entries.next();
            stored.removeIf(entry -> entry.receivedAtHeight() + RETENTION_BLOCKS <= height);
            if (stored.isEmpty()) {
                entries.remove();
            }
        }
    }
}
