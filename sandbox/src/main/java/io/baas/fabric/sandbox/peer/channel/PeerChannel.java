package io.baas.fabric.sandbox.peer.channel;

import io.baas.fabric.identity.SignedData;
import io.baas.fabric.sandbox.common.BlockStore;
import io.baas.fabric.sandbox.common.DeliverChannel;
import io.baas.fabric.sandbox.common.ParsedEnvelope;
import io.baas.fabric.sandbox.peer.commit.BlockCommitter;
import io.baas.fabric.sandbox.peer.commit.EndorsementPolicies;
import io.baas.fabric.sandbox.peer.ledger.PeerLedger;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** One channel the peer has joined: its ledger, its current config, the committer, and who hears of commits. */
public final class PeerChannel implements DeliverChannel, AutoCloseable {

    private final String channelId;
    private final PeerLedger ledger;
    private final BlockCommitter committer;
    private final EndorsementPolicies policies;
    private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();
    private volatile long lastConfigBlock;

    /** A channel from its genesis block, whose config transaction the ledger takes as valid. */
    public PeerChannel(String channelId, Block genesis, ChannelConfig config, EndorsementPolicies policies) {
        this(channelId, genesis, config, policies, io.baas.fabric.sandbox.peer.privdata.PeerPrivateData.none());
    }

    /** A channel of a peer with private data: its organization's collections' values are kept. */
    public PeerChannel(String channelId, Block genesis, ChannelConfig config, EndorsementPolicies policies,
                       io.baas.fabric.sandbox.peer.privdata.PeerPrivateData privateData) {
        this.channelId = channelId;
        String txId = ParsedEnvelope.parse(firstEnvelope(genesis)).channelHeader().getTxId();
        this.ledger = new PeerLedger(BlockCommitter.withFilter(genesis, List.of(TxValidationCode.VALID)), List.of(txId),
                List.of(TxValidationCode.VALID));
        this.committer = new BlockCommitter(channelId, ledger, config, policies, privateData);
        this.policies = policies;
    }

    /** The policy a transaction writing into the chaincode's namespace must satisfy, as validation will judge it now. */
    public java.util.Optional<io.baas.fabric.policy.Policy> endorsementPolicy(String chaincode) {
        ledger.state().lock().readLock().lock();
        try {
            return policies.forNamespace(chaincode, config(), ledger.state());
        } finally {
            ledger.state().lock().readLock().unlock();
        }
    }

    /**
     * The policy validation will apply to a transaction's writes into one of the chaincode's
     * collections: the collection's own, else the chaincode's; REJECT for an unknown collection.
     */
    public java.util.Optional<io.baas.fabric.policy.Policy> collectionEndorsementPolicy(String chaincode, String collection) {
        ledger.state().lock().readLock().lock();
        try {
            return policies.forCollection(chaincode, collection, config(), ledger.state())
                    .or(() -> policies.forNamespace(chaincode, config(), ledger.state()));
        } finally {
            ledger.state().lock().readLock().unlock();
        }
    }

    /** From now on the private values this peer commits are kept in the store. */
    public void persistPrivateDataTo(io.baas.fabric.sandbox.peer.ledger.PrivateDataStore store) {
        committer.persistPrivateDataTo(store);
    }

    public String channelId() {
        return channelId;
    }

    public PeerLedger peerLedger() {
        return ledger;
    }

    public ChannelConfig config() {
        return committer.config();
    }

    public long lastConfigBlock() {
        return lastConfigBlock;
    }

    public void addListener(CommitListener listener) {
        listeners.add(listener);
    }

    public void removeListener(CommitListener listener) {
        listeners.remove(listener);
    }

    /** Validates and commits the next block, then tells the listeners. */
    public BlockCommitter.Committed commit(Block block) {
        BlockCommitter.Committed committed = committer.commit(block);
        if (committed.transactions().size() == 1 && committed.transactions().get(0).headerType() == HeaderType.CONFIG_VALUE
                && committed.transactions().get(0).code() == TxValidationCode.VALID) {
            lastConfigBlock = block.getHeader().getNumber();
        }
        listeners.forEach(listener -> listener.committed(channelId, committed));
        return committed;
    }

    /** Applies a block this peer committed before, with the private values it kept of it (see {@link BlockCommitter#recommit}); no listener hears of it. */
    public void recommit(Block block, List<io.baas.fabric.sandbox.peer.ledger.PrivateDataStore.Element> privateValues) {
        committer.recommit(block, privateValues);
        if (block.getData().getDataCount() == 1 && committer.config().sequence() > 0
                && ParsedEnvelope.parse(firstEnvelope(block)).channelHeader().getType() == HeaderType.CONFIG_VALUE) {
            lastConfigBlock = block.getHeader().getNumber();
        }
    }

    @Override
    public BlockStore ledger() {
        return ledger.blocks();
    }

    @Override
    public long configSequence() {
        return config().sequence();
    }

    /** The peer's block events ACL (event/Block, event/FilteredBlock): /Channel/Application/Readers. */
    @Override
    public boolean mayRead(ParsedEnvelope request) {
        List<SignedData> signatures = request.signedData().map(List::of).orElse(List.of());
        return config().satisfied(ChannelConfig.APPLICATION_READERS, signatures);
    }

    @Override
    public void close() {
        ledger.close();
        committer.close();
    }

    private static org.hyperledger.fabric.protos.common.Envelope firstEnvelope(Block block) {
        try {
            return org.hyperledger.fabric.protos.common.Envelope.parseFrom(block.getData().getData(0));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new io.baas.fabric.sandbox.SandboxException("the join block's envelope does not decode", e);
        }
    }
}
