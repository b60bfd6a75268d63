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
 * block with the height that wrote it, the namespace named on the first write of each; a
 * namespace's private data collections follow its public writes with their key and value hashes.
 */
final class CommitHash {

    private static final Comparator<String> BYTE_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    /** The writes of one block's valid transactions, the last write of each key winning. */
    static final class UpdateBatch {
        private final Map<String, Map<String, Update>> namespaces = new TreeMap<>(BYTE_ORDER);

        private record Update(Optional<ByteString> value, long blockNumber, long txNumber) {
        }

        private final Map<String, Map<String, Map<ByteString, Update>>> hashes = new TreeMap<>(BYTE_ORDER);

        void add(WorldState.Write write, long blockNumber, long txNumber) {
            namespaces.computeIfAbsent(write.namespace(), ns -> new TreeMap<>(BYTE_ORDER))
                    .put(write.key(), new Update(write.value(), blockNumber, txNumber));
        }

        void add(WorldState.HashedWrite write, long blockNumber, long txNumber) {
            hashes.computeIfAbsent(write.namespace(), ns -> new TreeMap<>(BYTE_ORDER))
                    .computeIfAbsent(write.collection(), c -> new TreeMap<>(ByteString.unsignedLexicographicalComparator()))
                    .put(write.keyHash(), new Update(write.valueHash(), blockNumber, txNumber));
        }

        /**
         * Fabric's deterministicBytesForPubAndHashUpdates: per namespace its public writes, then per
         * collection its hashed writes (key hash, value hash); the namespace named on its first
         * write, the collection on its first. Expiry purges are not counted (see docs/sandbox.md).
         */
        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CodedOutputStream updates = CodedOutputStream.newInstance(out);
            java.util.TreeSet<String> all = new java.util.TreeSet<>(BYTE_ORDER);
            all.addAll(namespaces.keySet());
            all.addAll(hashes.keySet());
            try {
                for (String namespace : all) {
                    boolean first = true;
                    for (Map.Entry<String, Update> key : namespaces.getOrDefault(namespace, Map.of()).entrySet()) {
                        updates.writeByteArray(1, kvWrite(first ? namespace : "", "", key.getKey().getBytes(StandardCharsets.UTF_8),
                                key.getValue()));
                        first = false;
                    }
                    for (Map.Entry<String, Map<ByteString, Update>> collection : hashes.getOrDefault(namespace, Map.of()).entrySet()) {
                        boolean firstInCollection = true;
                        for (Map.Entry<ByteString, Update> key : collection.getValue().entrySet()) {
                            updates.writeByteArray(1, kvWrite(first ? namespace : "", firstInCollection ? collection.getKey() : "",
                                    key.getKey().toByteArray(), key.getValue()));
                            first = false;
                            firstInCollection = false;
                        }
                    }
                }
                updates.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        private static byte[] kvWrite(String namespace, String collection, byte[] key, Update update) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CodedOutputStream write = CodedOutputStream.newInstance(out);
            if (!namespace.isEmpty()) {
                write.writeString(1, namespace);
            }
            if (!collection.isEmpty()) {
                write.writeString(2, collection);
            }
            write.writeByteArray(3, key);
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
