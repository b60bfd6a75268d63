package io.baas.fabric.sandbox.peer.chaincode;

import com.google.protobuf.ByteString;
import io.baas.fabric.sandbox.peer.channel.ChannelConfig;
import io.baas.fabric.sandbox.peer.endorser.UnpackedProposal;
import io.baas.fabric.sandbox.peer.ledger.TxSimulator;
import io.baas.fabric.sandbox.peer.ledger.WorldState;
import io.baas.fabric.sandbox.peer.lifecycle.CollectionConfigs;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;

/**
 * What one chaincode execution sees through its stub: the chaincode's namespace, the proposal
 * (arguments, transaction id, creator, timestamp, transient data), the simulator over the channel's
 * state, and the peer's MSP ID. It collects the event the chaincode sets (the last one wins, as in
 * Fabric's shim), and answers the private data calls with the checks of Fabric's chaincode handler
 * and simulator, in their order and words.
 */
public final class ChaincodeCall {

    private final String namespace;
    private final UnpackedProposal proposal;
    private final TxSimulator simulator;
    private final String localMspId;
    private final ChannelConfig channelConfig;
    private final WorldState state;
    private ChaincodeEvent event;
    private boolean written;
    private boolean paginated;
    private boolean privateQueried;

    /**
     * @param channelConfig the channel's config, whose MSPs judge collection membership
     * @param state         the channel's state, for the committed collection configs
     */
    public ChaincodeCall(String namespace, UnpackedProposal proposal, TxSimulator simulator, String localMspId, ChannelConfig channelConfig,
                         WorldState state) {
        this.namespace = namespace;
        this.proposal = proposal;
        this.simulator = simulator;
        this.localMspId = localMspId;
        this.channelConfig = channelConfig;
        this.state = state;
    }

    public String namespace() {
        return namespace;
    }

    public UnpackedProposal proposal() {
        return proposal;
    }

    public TxSimulator simulator() {
        return simulator;
    }

    public String localMspId() {
        return localMspId;
    }

    public Optional<ChaincodeEvent> event() {
        return Optional.ofNullable(event);
    }

    void setEvent(String name, ByteString payload) {
        event = ChaincodeEvent.newBuilder().setEventName(name).setPayload(payload).build();
    }

    /**
     * Fabric's simulator refuses paginated and private data queries in a transaction that writes,
     * and writes after them: those queries are for read-only transactions.
     */
    void beforeWrite() {
        if (privateQueried) {
            throw unsupported("Transaction has already performed queries on pvt data. Writes are not allowed");
        }
        if (paginated) {
            throw unsupported("Transaction has already performed a paginated query. Writes are not allowed");
        }
        written = true;
    }

    void beforePaginatedQuery() {
        if (written) {
            throw unsupported("Paginated queries are supported only in a read-only transaction");
        }
        paginated = true;
    }

    private void beforePrivateQuery() {
        if (written) {
            throw unsupported("Queries on pvt data is supported only in a read-only transaction");
        }
        privateQueried = true;
    }

    private HandlerException unsupported(String why) {
        return new HandlerException("txid [" + proposal.txId() + "]: unsuppored transaction. " + why);
    }

    /** GetPrivateData: the creator may read the collection; the peer must hold the current version. */
    Optional<ByteString> getPrivateData(String collection, String key) {
        permission(collection, false);
        requireDefined(collection);
        try {
            return simulator.getPrivate(namespace, collection, key);
        } catch (IllegalStateException e) {
            throw new HandlerException(e.getMessage());
        }
    }

    /** GetPrivateDataHash: anyone may read a value's hash, from any peer of the channel. */
    ByteString getPrivateDataHash(String collection, String key) {
        notInInit();
        requireDefined(collection);
        return simulator.getPrivateHash(namespace, collection, key).orElse(ByteString.EMPTY);
    }

    void putPrivateData(String collection, String key, ByteString value) {
        permission(collection, true);
        requireDefined(collection);
        beforeWrite();
        if (value.isEmpty()) {
            simulator.deletePrivate(namespace, collection, key);
        } else {
            simulator.putPrivate(namespace, collection, key, value);
        }
    }

    void delPrivateData(String collection, String key) {
        permission(collection, true);
        requireDefined(collection);
        beforeWrite();
        simulator.deletePrivate(namespace, collection, key);
    }

    void purgePrivateData(String collection, String key) {
        permission(collection, true);
        requireDefined(collection);
        beforeWrite();
        simulator.purgePrivate(namespace, collection, key);
    }

    /** GetPrivateDataByRange: the keys this peer holds; read-only transactions only. */
    List<TxSimulator.Entry> privateRange(String collection, String start, String end) {
        permission(collection, false);
        requireDefined(collection);
        beforePrivateQuery();
        return simulator.privateRange(namespace, collection, start, end);
    }

    /** GetPrivateDataMetadata: a read under the collection's read permission; the sandbox keeps no key-level metadata. */
    void readPrivateMetadata(String collection, String key) {
        permission(collection, false);
        requireDefined(collection);
        simulator.getPrivateHash(namespace, collection, key);
    }

    /** A rich query on private data: checked as Fabric's handler and simulator check it, before the state database refuses it. */
    void privateRichQuery(String collection) {
        permission(collection, false);
        requireDefined(collection);
        beforePrivateQuery();
    }

    private void notInInit() {
        if (proposal.input().getIsInit()) {
            throw new HandlerException("private data APIs are not allowed in chaincode Init()");
        }
    }

    /**
     * The chaincode handler's check (RetrieveReadWritePermission): without memberOnlyRead and
     * memberOnlyWrite anyone may; a creator the member policy accepts may; others may do what the
     * flag they are not caught by allows.
     */
    private void permission(String collection, boolean write) {
        notInInit();
        StaticCollectionConfig config = CollectionConfigs.find(state, namespace, collection, localMspId)
                .orElseThrow(() -> new HandlerException("collection " + proposal.channelId() + "/" + namespace + "/" + collection
                        + " could not be found"));
        boolean anyone = !config.getMemberOnlyRead() && !config.getMemberOnlyWrite();
        boolean allowed = anyone || CollectionConfigs.isMember(config, channelConfig, proposal.signedData())
                || (write ? !config.getMemberOnlyWrite() : !config.getMemberOnlyRead());
        if (!allowed) {
            throw new HandlerException("tx creator does not have " + (write ? "write" : "read")
                    + " access permission on privatedata in chaincodeName:" + namespace + " collectionName: " + collection);
        }
    }

    /** The simulator's check: the collection is the definition's or the implicit one of a channel organization. */
    private void requireDefined(String collection) {
        if (!CollectionConfigs.defined(state, channelConfig, namespace, collection, localMspId)) {
            throw new HandlerException("collection [" + collection + "] not defined in the collection config for chaincode ["
                    + namespace + "]");
        }
    }
}
