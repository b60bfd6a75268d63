package io.baas.fabric.sandbox.peer.commit;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.fabric.Sha256;
import io.baas.fabric.sandbox.peer.ledger.WorldState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Metadata;

/**
 * Fabric's commit hash (kvledger's addBlockCommitHash), which peers of a channel agree on when
 * they committed the same state: SHA-256 over the length (varint) and bytes of the block's
 * TRANSACTIONS_FILTER, the block's update batch in Fabric's deterministic form, and the previous
 * block's commit hash. The update batch is Fabric's txmgr {@code Updates} message: one
 * {@code KVWrite} per written key, namespaces and keys in byte order, a key's last write in the
 * block with the height that wrote it, the namespace named on the first write of each.
 */
final class CommitHash {

    private static final Comparator<String> BYTE_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    /** The writes of one block's valid transactions, the last write of each key winning. */
    static final class UpdateBatch {
        private final Map<String, Map<String, Update>> namespaces = new TreeMap<>(BYTE_ORDER);

        private record Update(Optional<ByteString> value, long blockNumber, long txNumber) {
        }

        void add(WorldState.Write write, long blockNumber, long txNumber) {
            namespaces.computeIfAbsent(write.namespace(), ns -> new TreeMap<>(BYTE_ORDER))
                    .put(write.key(), new Update(write.value(), blockNumber, txNumber));
        }

        /** Fabric's deterministicBytesForPubAndHashUpdates, for public writes (the sandbox has no private data). */
        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CodedOutputStream updates = CodedOutputStream.newInstance(out);
            try {
                for (Map.Entry<String, Map<String, Update>> namespace : namespaces.entrySet()) {
                    boolean first = true;
                    for (Map.Entry<String, Update> key : namespace.getValue().entrySet()) {
                        updates.writeByteArray(1, kvWrite(first ? namespace.getKey() : "", key.getKey(), key.getValue()));
                        first = false;
                    }
                }
                updates.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        private static byte[] kvWrite(String namespace, String key, Update update) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CodedOutputStream write = CodedOutputStream.newInstance(out);
            if (!namespace.isEmpty()) {
                write.writeString(1, namespace);
            }
            write.writeByteArray(3, key.getBytes(StandardCharsets.UTF_8));
            if (update.value().isEmpty()) {
                write.writeBool(4, true);
            } else if (!update.value().get().isEmpty()) {
                write.writeBytes(5, update.value().get());
            }
            write.writeByteArray(6, version(update.blockNumber(), update.txNumber()));
            write.flush();
            return out.toByteArray();
        }
    }

    private CommitHash() {
    }

    /** The next commit hash after {@code previous} (empty before the first block after the genesis block). */
    static ByteString next(ByteString previous, ByteString filter, UpdateBatch batch) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        try {
            CodedOutputStream length = CodedOutputStream.newInstance(value);
            length.writeUInt64NoTag(filter.size());
            length.flush();
            filter.writeTo(value);
            value.write(batch.bytes());
            previous.writeTo(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Sha256.digest(value.toByteArray());
    }

    /** The commit hash a stored block carries; empty for the genesis block, which has none. */
    static ByteString of(Block block) {
        if (block.getMetadata().getMetadataCount() <= BlockMetadataIndex.COMMIT_HASH_VALUE) {
            return ByteString.EMPTY;
        }
        ByteString entry = block.getMetadata().getMetadata(BlockMetadataIndex.COMMIT_HASH_VALUE);
        try {
            return entry.isEmpty() ? ByteString.EMPTY : Metadata.parseFrom(entry).getValue();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("block " + block.getHeader().getNumber() + " has an unreadable commit hash", e);
        }
    }

    /** The metadata entry: a common.Metadata holding the hash. */
    static ByteString entry(ByteString hash) {
        return Metadata.newBuilder().setValue(hash).build().toByteString();
    }

    /** Fabric's version.Height.ToBytes: block and transaction number, each order-preserving. */
    static byte[] version(long blockNumber, long txNumber) {
        byte[] block = orderPreserving(blockNumber);
        byte[] tx = orderPreserving(txNumber);
        byte[] both = Arrays.copyOf(block, block.length + tx.length);
        System.arraycopy(tx, 0, both, block.length, tx.length);
        return both;
    }

    /** Fabric's EncodeOrderPreservingVarUint64: the count of significant bytes, then those bytes big-endian. */
    private static byte[] orderPreserving(long number) {
        int size = (Long.SIZE - Long.numberOfLeadingZeros(number) + 7) / 8;
        byte[] encoded = new byte[size + 1];
        encoded[0] = (byte) size;
        for (int i = 0; i < size; i++) {
            encoded[size - i] = (byte) (number >>> (8 * i));
        }
        return encoded;
    }
}
