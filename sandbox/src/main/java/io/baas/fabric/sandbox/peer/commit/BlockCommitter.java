package io.baas.fabric.sandbox.peer.commit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.fabric.FabricDataException;
import io.baas.fabric.block.BlockHashes;
import io.baas.fabric.configtx.ConfigUpdateApplier;
import io.baas.fabric.configtx.ConfigUpdateAuthorization;
import io.baas.fabric.configtx.ConfigUpdateEnvelopes;
import io.baas.fabric.sandbox.SandboxException;
import io.baas.fabric.sandbox.peer.channel.ChannelConfig;
import io.baas.fabric.sandbox.peer.ledger.PeerLedger;
import io.baas.fabric.sandbox.peer.ledger.PrivateDataStore;
import io.baas.fabric.sandbox.peer.ledger.WorldState;
import io.baas.fabric.sandbox.peer.lifecycle.CollectionConfigs;
import io.baas.fabric.sandbox.peer.privdata.PeerPrivateData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Commits the blocks of one channel as Fabric's committer and ledger do: the block must follow the
 * last one (number, previous hash, data hash); each transaction is validated ({@link
 * TransactionValidator}, side by side), later valid copies of a transaction id in the block become DUPLICATE_TXID,
 * valid endorser transactions pass the MVCC check in block order, only valid ones change the world
 * state (and the history) and the private data ({@link PrivateWrites}; blockToLive purges follow),
 * the codes go into the TRANSACTIONS_FILTER metadata, and a valid config
 * transaction, once its last update is re-authorized against the current config, becomes the
 * channel's config.
 */
public final class BlockCommitter {

    /** A committed block (with the peer's metadata) and the verdicts on its transactions. */
    public record Committed(Block block, List<ValidatedTransaction> transactions) {
    }

    private static final int METADATA_ENTRIES = BlockMetadataIndex.COMMIT_HASH_VALUE + 1;

    private final String channelId;
    private final PeerLedger ledger;
    private final PeerPrivateData privateData;
    private volatile PrivateDataStore privateDataStore = PrivateDataStore.inMemory();
    private final TransactionValidator validator;
    private final EndorsementPolicies policies;
    private volatile ChannelConfig config;
    /** The last block's commit hash: empty after the genesis block, then Fabric's chain of them. */
    private ByteString commitHash;

    public BlockCommitter(String channelId, PeerLedger ledger, ChannelConfig config, EndorsementPolicies policies,
                          PeerPrivateData privateData) {
        this.channelId = channelId;
        this.ledger = ledger;
        this.privateData = privateData;
        this.commitHash = CommitHash.of(ledger.last());
        this.validator = new TransactionValidator(channelId);
        this.policies = policies;
        this.config = config;
    }

    public ChannelConfig config() {
        return config;
    }

    /** Closes the private data store's file. */
    public void close() {
        privateDataStore.close();
    }

    /** From now on the private values of committed blocks are written to the store first. */
    public void persistPrivateDataTo(PrivateDataStore store) {
        this.privateDataStore = store;
    }

    /** The genesis (join) block as the ledger stores it: its config transaction is taken as valid, unvalidated. */
    public static Block withFilter(Block block, List<TxValidationCode> codes) {
        BlockMetadata.Builder metadata = block.getMetadata().toBuilder();
        while (metadata.getMetadataCount() < METADATA_ENTRIES) {
            metadata.addMetadata(ByteString.EMPTY);
        }
        byte[] filter = new byte[codes.size()];
        for (int i = 0; i < filter.length; i++) {
            filter[i] = (byte) codes.get(i).getNumber();
        }
        metadata.setMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE, ByteString.copyFrom(filter));
        return block.toBuilder().setMetadata(metadata).build();
    }

    public synchronized Committed commit(Block block) {
        requireNext(block);
        List<ValidatedTransaction> results = validateAll(block);
        markDuplicates(results);
        long number = block.getHeader().getNumber();
        WorldState state = ledger.state();
        Optional<Config> nextConfig = Optional.empty();
        CommitHash.UpdateBatch updates = new CommitHash.UpdateBatch();
        List<PrivateDataStore.Element> privateValues = new ArrayList<>();
        state.lock().writeLock().lock();
        try {
            Mvcc mvcc = new Mvcc(state);
            for (int i = 0; i < results.size(); i++) {
                ValidatedTransaction tx = results.get(i);
                if (!tx.valid()) {
                    continue;
                }
                if (tx.headerType() == HeaderType.ENDORSER_TRANSACTION_VALUE) {
                    TxValidationCode code = mvcc.check(tx.rwsets());
                    if (code != TxValidationCode.VALID) {
                        results.set(i, tx.withCode(code));
                        continue;
                    }
                    mvcc.add(tx.rwsets(), number, i);
                } else if (tx.config().isPresent()) {
                    nextConfig = Optional.of(authorizedConfig(block.getData().getData(i), tx.config().get()));
                }
            }
            for (ValidatedTransaction tx : results) {
                if (tx.valid() && tx.headerType() == HeaderType.ENDORSER_TRANSACTION_VALUE) {
                    List<WorldState.Write> writes = writes(tx);
                    state.apply(writes, number, tx.index(), tx.txId(), tx.timestamp());
                    writes.forEach(write -> updates.add(write, number, tx.index()));
                    PrivateWrites.Changes changes = PrivateWrites.of(tx, number, state, privateData.localMspId(),
                            privateData.transientStore().get(channelId, tx.txId()));
                    state.applyPrivate(changes.hashed(), changes.values(), number, tx.index());
                    changes.hashed().forEach(write -> updates.add(write, number, tx.index()));
                    privateValues.addAll(changes.stored());
                }
            }
            state.purgeExpiredAt(number);
        } finally {
            state.lock().writeLock().unlock();
        }
        List<TxValidationCode> codes = results.stream().map(ValidatedTransaction::code).toList();
        Block filtered = withFilter(block, codes);
        commitHash = CommitHash.next(commitHash, filtered.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE), updates);
        Block committed = filtered.toBuilder().setMetadata(filtered.getMetadata().toBuilder()
                .setMetadata(BlockMetadataIndex.COMMIT_HASH_VALUE, CommitHash.entry(commitHash))).build();
        List<String> txIds = results.stream().map(ValidatedTransaction::txId).toList();
        privateDataStore.append(privateValues);
        ledger.append(committed, txIds, codes);
        privateData.transientStore().committed(channelId, txIds, number);
        nextConfig.ifPresent(next -> config = ChannelConfig.of(next));
        return new Committed(committed, List.copyOf(results));
    }

    /**
     * A block this peer committed before, read back from its block file with the private values it
     * kept of it: its stored validation codes are applied as they are (certificates may have expired
     * since; Fabric rebuilds its state from its blocks the same way), the world state, private
     * data, indexes and config follow.
     */
    public synchronized Committed recommit(Block block, List<PrivateDataStore.Element> privateValues) {
        requireNext(block);
        io.baas.fabric.block.DecodedBlock decoded = io.baas.fabric.block.BlockDecoder.decode(block);
        long number = block.getHeader().getNumber();
        WorldState state = ledger.state();
        state.lock().writeLock().lock();
        try {
            for (io.baas.fabric.block.DecodedTransaction tx : decoded.transactions()) {
                if (!tx.valid()) {
                    continue;
                }
                if (tx.type() == HeaderType.ENDORSER_TRANSACTION) {
                    List<WorldState.Write> writes = new ArrayList<>();
                    tx.actions().forEach(action -> action.readWriteSets().forEach(ns -> ns.writes().forEach(write ->
                            writes.add(new WorldState.Write(ns.namespace(), write.key(),
                                    write.delete() ? Optional.empty() : Optional.of(write.value()))))));
                    state.apply(writes, number, tx.index(), tx.txId(), tx.timestamp());
                    List<PrivateDataStore.Element> ofTransaction = privateValues.stream().filter(e -> e.txNumber() == tx.index()).toList();
                    state.applyPrivate(hashedWrites(tx, state), PrivateWrites.restored(ofTransaction, state), number, tx.index());
                }
                tx.config().ifPresent(config -> this.config = ChannelConfig.of(config.config()));
            }
            state.purgeExpiredAt(number);
        } finally {
            state.lock().writeLock().unlock();
        }
        List<TxValidationCode> codes = decoded.transactions().stream().map(io.baas.fabric.block.DecodedTransaction::validationCode).toList();
        ledger.append(block, decoded.transactions().stream().map(io.baas.fabric.block.DecodedTransaction::txId).toList(), codes);
        commitHash = CommitHash.of(block);
        return new Committed(block, List.of());
    }

    /**
     * Each transaction's signatures and policies, checked side by side as Fabric's committer does
     * (validation depends on the config and the state before this block only), in block order.
     */
    private List<ValidatedTransaction> validateAll(Block block) {
        ChannelConfig current = config;
        WorldState state = ledger.state();
        IntStream indexes = IntStream.range(0, block.getData().getDataCount());
        if (block.getData().getDataCount() > 1) {
            indexes = indexes.parallel();
        }
        return new ArrayList<>(indexes.mapToObj(i -> validator.validate(i, block.getData().getData(i), current, policies, state,
                txId -> ledger.transaction(txId).isPresent())).toList());
    }

    private void requireNext(Block block) {
        Block last = ledger.last();
        if (block.getHeader().getNumber() != last.getHeader().getNumber() + 1) {
            throw new SandboxException("expected block " + (last.getHeader().getNumber() + 1) + " but got " + block.getHeader().getNumber());
        }
        if (!block.getHeader().getPreviousHash().equals(BlockHashes.headerHash(last.getHeader()))) {
            throw new SandboxException("block " + block.getHeader().getNumber() + " does not chain to the previous block's hash");
        }
        if (!block.getHeader().getDataHash().equals(BlockHashes.dataHash(block.getData()))) {
            throw new SandboxException("block " + block.getHeader().getNumber() + " has a data hash that does not match its data");
        }
    }

    /** markTXIdDuplicates: among valid transactions, the first keeps its id; later ones are DUPLICATE_TXID. */
    private static void markDuplicates(List<ValidatedTransaction> results) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < results.size(); i++) {
            ValidatedTransaction tx = results.get(i);
            if (tx.valid() && !tx.txId().isEmpty() && !seen.add(tx.txId())) {
                results.set(i, tx.withCode(TxValidationCode.DUPLICATE_TXID));
            }
        }
    }

    /**
     * The peer re-validates a config block against its own config: the next sequence, the last
     * update authorized by the current mod policies, and the config it leads to. A config block
     * that fails stops the channel, as in Fabric.
     */
    private Config authorizedConfig(ByteString envelopeBytes, Config next) {
        Config current = config.config();
        if (next.getSequence() != current.getSequence() + 1) {
            throw new SandboxException("config block has sequence " + next.getSequence() + ", expected " + (current.getSequence() + 1));
        }
        try {
            Envelope envelope = Envelope.parseFrom(envelopeBytes);
            ConfigEnvelope configEnvelope = ConfigEnvelope.parseFrom(Payload.parseFrom(envelope.getPayload()).getData());
            Payload updatePayload = Payload.parseFrom(configEnvelope.getLastUpdate().getPayload());
            ConfigUpdateEnvelope updateEnvelope = ConfigUpdateEnvelope.parseFrom(updatePayload.getData());
            ConfigUpdate update = ConfigUpdateEnvelopes.decode(updateEnvelope);
            ConfigUpdateAuthorization.authorize(current, update, config.msps().verifiedSigners(ConfigUpdateEnvelopes.signatures(updateEnvelope)));
            Config proposed = ConfigUpdateApplier.apply(current, update);
            if (!proposed.getChannelGroup().equals(next.getChannelGroup())) {
                throw new SandboxException("config block's config differs from the one its last update produces");
            }
            return next;
        } catch (InvalidProtocolBufferException | FabricDataException e) {
            throw new SandboxException("config block does not pass validation: " + e.getMessage(), e);
        }
    }

    /** The hashed writes of a stored valid transaction; its private values stayed with the peer that had them (see docs/sandbox.md). */
    private static List<WorldState.HashedWrite> hashedWrites(io.baas.fabric.block.DecodedTransaction tx, WorldState state) {
        List<WorldState.HashedWrite> writes = new ArrayList<>();
        tx.actions().forEach(action -> action.readWriteSets().forEach(ns -> ns.collections().forEach(collection -> {
            long blockToLive = CollectionConfigs.find(state, ns.namespace(), collection.collection(), "")
                    .map(org.hyperledger.fabric.protos.peer.StaticCollectionConfig::getBlockToLive).orElse(0L);
            collection.writes().forEach(write -> writes.add(new WorldState.HashedWrite(ns.namespace(), collection.collection(),
                    write.keyHash(), write.delete() ? Optional.empty() : Optional.of(write.valueHash()), blockToLive)));
        })));
        return writes;
    }

    private static List<WorldState.Write> writes(ValidatedTransaction tx) {
        List<WorldState.Write> writes = new ArrayList<>();
        for (NamespaceRwSet ns : tx.rwsets()) {
            for (KVWrite write : ns.rwset().getWritesList()) {
                writes.add(new WorldState.Write(ns.namespace(), write.getKey(),
                        write.getIsDelete() ? Optional.empty() : Optional.of(write.getValue())));
            }
        }
        return writes;
    }
}
