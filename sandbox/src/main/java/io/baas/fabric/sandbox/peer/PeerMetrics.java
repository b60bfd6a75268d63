package io.baas.fabric.sandbox.peer;

import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.fabric.sandbox.operations.NodeMetrics;
import io.baas.fabric.sandbox.operations.OperationsServer;
import io.baas.fabric.sandbox.peer.channel.PeerChannels;
import io.baas.fabric.sandbox.peer.commit.BlockCommitter;
import io.baas.fabric.sandbox.peer.commit.ValidatedTransaction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;

/**
 * A peer's ledger metrics under Fabric's names ({@code core/ledger/kvledger/metrics.go}): the
 * height of each channel's chain, read when scraped, and each committed transaction counted by
 * channel, type, invoked chaincode and validation code; and {@code fabric_version}.
 */
public final class PeerMetrics {

    private PeerMetrics() {
    }

    public static void register(NodeMetrics metrics, PeerChannels channels) {
        metrics.gauge("fabric_version", "The active version of Fabric.", () -> Map.of(List.of(OperationsServer.VERSION), 1.0), "version");
        metrics.gauge("ledger_blockchain_height", "Height of the chain in blocks.", () -> {
            Map<List<String>, Double> heights = new LinkedHashMap<>();
            for (String channelId : channels.channelIds()) {
                channels.channel(channelId).ifPresent(channel -> heights.put(List.of(channelId), (double) channel.peerLedger().height()));
            }
            return heights;
        }, "channel");
        NodeMetrics.Counter transactions = metrics.counter("ledger_transaction_count", "Number of transactions processed.",
                "channel", "transaction_type", "chaincode", "validation_code");
        channels.addListener((channelId, committed) -> count(transactions, channelId, committed));
    }

    private static void count(NodeMetrics.Counter transactions, String channelId, BlockCommitter.Committed committed) {
        for (ValidatedTransaction transaction : committed.transactions()) {
            HeaderType type = HeaderType.forNumber(transaction.headerType());
            transactions.increment(channelId, type == null ? String.valueOf(transaction.headerType()) : type.name(),
                    chaincodeOf(committed.block(), transaction.index()), transaction.code().name());
        }
    }

    /** The chaincode an endorser transaction invoked, from its header extension, as Fabric labels it; empty for other types. */
    static String chaincodeOf(Block block, int index) {
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(block.getData().getData(index)).getPayload());
            ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            if (header.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
                return "";
            }
            return ChaincodeHeaderExtension.parseFrom(header.getExtension()).getChaincodeId().getName();
        } catch (InvalidProtocolBufferException | IndexOutOfBoundsException e) {
            return "";
        }
    }
}
