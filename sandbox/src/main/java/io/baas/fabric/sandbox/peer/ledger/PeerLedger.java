package io.baas.fabric.sandbox.peer.ledger;

import com.google.protobuf.ByteString;
import io.baas.fabric.block.BlockHashes;
import io.baas.fabric.sandbox.common.BlockStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;

/**
 * A peer's ledger of one channel, in memory: the committed blocks (with the peer's transactions
 * filter), the indexes qscc needs (transaction id, block hash), and the world state with history.
 */
public final class PeerLedger {

    private final BlockStore blocks;
    private final WorldState state = new WorldState();
    private final Map<String, TransactionLocation> transactions = new HashMap<>();
    private final Map<ByteString, Long> blockNumbers = new HashMap<>();

    public PeerLedger(Block genesis, List<String> txIds, List<org.hyperledger.fabric.protos.peer.TxValidationCode> codes) {
        this.blocks = new BlockStore(genesis);
        index(genesis, txIds, codes);
    }

    public BlockStore blocks() {
        return blocks;
    }

    public WorldState state() {
        return state;
    }

    public long height() {
        return blocks.height();
    }

    public Block last() {
        return blocks.last();
    }

    /** Appends a validated block; the caller has applied its valid writes to the state already. */
    public synchronized void append(Block block, List<String> txIds, List<org.hyperledger.fabric.protos.peer.TxValidationCode> codes) {
        index(block, txIds, codes);
        blocks.append(block);
    }

    public synchronized Optional<TransactionLocation> transaction(String txId) {
        return Optional.ofNullable(transactions.get(txId));
    }

    public synchronized Optional<Block> blockByHash(ByteString headerHash) {
        Long number = blockNumbers.get(headerHash);
        return number == null ? Optional.empty() : blocks.get(number);
    }

    public Optional<Block> block(long number) {
        return blocks.get(number);
    }

    /** qscc GetChainInfo: height, hash of the last block, and its previous hash. */
    public BlockchainInfo info() {
        Block last = blocks.last();
        return BlockchainInfo.newBuilder()
                .setHeight(blocks.height())
                .setCurrentBlockHash(BlockHashes.headerHash(last.getHeader()))
                .setPreviousBlockHash(last.getHeader().getPreviousHash())
                .build();
    }

    /** As Fabric's block index: the first transaction with an id keeps it; config transactions without an id are not indexed. */
    private void index(Block block, List<String> txIds, List<org.hyperledger.fabric.protos.peer.TxValidationCode> codes) {
        blockNumbers.put(BlockHashes.headerHash(block.getHeader()), block.getHeader().getNumber());
        for (int i = 0; i < txIds.size(); i++) {
            if (!txIds.get(i).isEmpty()) {
                transactions.putIfAbsent(txIds.get(i), new TransactionLocation(block.getHeader().getNumber(), i, codes.get(i)));
            }
        }
    }

    public void close() {
        blocks.close();
    }
}
