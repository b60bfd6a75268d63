package io.baas.explorer;

import io.baas.fabric.block.DecodedBlock;
import io.baas.fabric.block.DecodedTransaction;
import io.baas.fabric.block.KeyWrite;
import io.baas.fabric.block.NamespaceReadWriteSet;
import io.baas.fabric.block.TransactionAction;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.SignedData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hyperledger.fabric.protos.common.Block;

/** The rows of one decoded block: a pure mapping, nothing verified here ({@link BlockVerifier} does that). */
public final class BlockRows {

    private BlockRows() {
    }

    public static IndexedBlock of(Block raw, DecodedBlock block, Checkpoint after) {
        List<IndexedBlock.Transaction> transactions = new ArrayList<>(block.transactions().size());
        List<IndexedBlock.WrittenKey> keys = new ArrayList<>();
        byte[] payload = raw.toByteArray();
        int[] envelopeOffsets = BlockLayout.envelopeOffsets(payload);
        int valid = 0;
        boolean config = false;
        for (DecodedTransaction tx : block.transactions()) {
            valid += tx.valid() ? 1 : 0;
            config |= tx.config().isPresent();
            transactions.add(transaction(block.number(), tx, raw.getData().getData(tx.index()).size(), envelopeOffsets[tx.index()]));
            for (TransactionAction action : tx.actions()) {
                for (NamespaceReadWriteSet namespace : action.readWriteSets()) {
                    for (KeyWrite write : namespace.writes()) {
                        keys.add(new IndexedBlock.WrittenKey(text(namespace.namespace(), 255), write.key().getBytes(StandardCharsets.UTF_8),
                                block.number(), tx.index(), write.delete(), tx.valid()));
                    }
                }
            }
        }
        var row = new IndexedBlock.Block(block.number(), block.headerHash().toByteArray(), block.previousHash().toByteArray(),
                block.dataHash().toByteArray(), transactions.size(), valid,
                block.transactions().isEmpty() ? null : block.transactions().get(0).timestamp(), config, payload.length, payload);
        return new IndexedBlock(row, transactions, keys, after);
    }

    private static IndexedBlock.Transaction transaction(long number, DecodedTransaction tx, int size, int envelopeOffset) {
        TransactionAction first = tx.actions().isEmpty() ? null : tx.actions().get(0);
        Set<String> endorsers = new LinkedHashSet<>();
        int reads = 0;
        int writes = 0;
        for (TransactionAction action : tx.actions()) {
            action.endorsements().stream().map(SignedData::signer).map(FabricIdentity::mspId).forEach(endorsers::add);
            for (NamespaceReadWriteSet namespace : action.readWriteSets()) {
                reads += namespace.reads().size();
                writes += namespace.writes().size();
            }
        }
        return new IndexedBlock.Transaction(number, tx.index(), text(tx.txId(), 128), tx.type().name(),
                tx.creator().map(FabricIdentity::mspId).map(m -> text(m, 255)).orElse(null),
                tx.creator().map(c -> text(c.certificate().getSubjectX500Principal().getName(), 1024)).orElse(null),
                first == null ? null : text(first.call().chaincode(), 255),
                first == null ? null : first.call().function().map(f -> text(f, 255)).orElse(null),
                tx.validationCode().getNumber(), tx.timestamp(), List.copyOf(endorsers), reads, writes, size, envelopeOffset);
    }

    /** Text PostgreSQL can hold (no U+0000) within the column's length. */
    static String text(String value, int max) {
        String clean = value.indexOf('\u0000') < 0 ? value : value.replace('\u0000', '\uFFFD');
        return clean.length() <= max ? clean : clean.substring(0, max);
    }
}
