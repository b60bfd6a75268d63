package io.baas.fabric.block;

import static io.baas.fabric.block.BlockParts.parse;

import com.google.protobuf.ByteString;
import java.util.List;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;

/** Decodes the key-value read/write sets (data model KV, the only one Fabric has). */
final class ReadWriteSetDecoder {

    private ReadWriteSetDecoder() {
    }

    static List<NamespaceReadWriteSet> decode(ByteString results) {
        if (results.isEmpty()) {
            return List.of();
        }
        TxReadWriteSet txRwSet = parse(TxReadWriteSet.parser(), results, "transaction read/write set");
        return txRwSet.getNsRwsetList().stream().map(ReadWriteSetDecoder::namespace).toList();
    }

    private static NamespaceReadWriteSet namespace(NsReadWriteSet nsRwSet) {
        KVRWSet kv = parse(KVRWSet.parser(), nsRwSet.getRwset(), "read/write set of " + nsRwSet.getNamespace());
        return new NamespaceReadWriteSet(
                nsRwSet.getNamespace(),
                kv.getReadsList().stream()
                        .map(read -> new KeyRead(read.getKey(), KeyVersion.of(read.hasVersion(), read.getVersion())))
                        .toList(),
                kv.getWritesList().stream()
                        .map(write -> new KeyWrite(write.getKey(), write.getIsDelete(), write.getValue()))
                        .toList(),
                kv.getRangeQueriesInfoCount(),
                kv.getMetadataWritesCount(),
                nsRwSet.getCollectionHashedRwsetList().stream().map(ReadWriteSetDecoder::collection).toList());
    }

    private static CollectionHashes collection(CollectionHashedReadWriteSet collection) {
        HashedRWSet hashed = parse(HashedRWSet.parser(), collection.getHashedRwset(),
                "hashed read/write set of collection " + collection.getCollectionName());
        return new CollectionHashes(
                collection.getCollectionName(),
                collection.getPvtRwsetHash(),
                hashed.getHashedReadsList().stream()
                        .map(read -> new HashedRead(read.getKeyHash(), KeyVersion.of(read.hasVersion(), read.getVersion())))
                        .toList(),
                hashed.getHashedWritesList().stream()
                        .map(write -> new HashedWrite(write.getKeyHash(), write.getIsDelete(), write.getValueHash()))
                        .toList());
    }
}
