package io.baas.apps;

import io.baas.config.BaasConfig;
import io.baas.consortium.ChannelService;
import io.baas.consortium.NamespaceOwners;
import io.baas.crd.Channel;
import io.baas.crd.Organization;
import io.baas.crd.PeerNode;
import io.baas.error.DomainException;
import io.baas.error.ErrorKind;
import io.baas.fabric.admin.FabricAdminException;
import io.baas.fabric.admin.PeerAdminClient;
import io.baas.fabric.block.BlockDecoder;
import io.baas.fabric.block.DecodedTransaction;
import io.baas.fabric.gateway.ChaincodeError;
import io.baas.fabric.gateway.FabricGateway;
import io.baas.fabric.gateway.FabricGatewayException;
import io.baas.fabric.gateway.GatewayConnections;
import io.baas.fabric.gateway.GatewayPeer;
import io.baas.fabric.receipt.EvidenceReceipt;
import io.baas.iam.Caller;
import io.baas.keyuse.KeyAction;
import io.baas.keyuse.KeyUse;
import io.baas.keyuse.KeyUseLog;
import io.baas.organization.IdentityService;
import io.baas.organization.UserIdentity;
import io.baas.pki.Pem;
import io.baas.reconcile.ReconcileTimings;
import io.baas.runtime.NodeRuntime;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Config;

/**
 * A user's chaincode calls on a channel, in the name of the namespace's organization: signed with
 * the client identity the organization holds for that user ({@link IdentityService#userIdentity}),
 * sent to the organization's own peer's Gateway (which gathers the endorsements the chaincode's
 * policy needs), each key use on record before the signature. A chaincode's refusal is the
 * chaincode's own error code with a 4xx status, never a 500.
 */
@ApplicationScoped
public class ChannelCalls {

    /** One function call: the chaincode on the channel, its function, arguments and transient data. */
    public record Call(String chaincode, String function, List<String> arguments, Map<String, byte[]> transientData) {
        public Call {
            arguments = List.copyOf(arguments);
            transientData = Map.copyOf(transientData);
        }

        public static Call of(String chaincode, String function, String... arguments) {
            return new Call(chaincode, function, List.of(arguments), Map.of());
        }
    }

    /** A chaincode event as its transaction committed: the block, the transaction, the event's name and payload. */
    public record CommittedEvent(long blockNumber, String txId, String name, byte[] payload) {
    }

    /** The events of a range of blocks, and the block to read from next (the height reached when the range ran past it). */
    public record EventPage(List<CommittedEvent> events, long nextBlock) {
    }

    /** Who a user is on the channel: the MSP ID of the namespace's organization and the client ID chaincodes see. */
    public record Client(String mspId, String clientId) {
    }

    /** Routes resolved for at most this many users and channels at once; more empty the cache. */
    private static final int MAX_ROUTES = 10_000;

    private final KubernetesClient client;
    private final ChannelService channels;
    private final NamespaceOwners owners;
    private final IdentityService identities;
    private final KeyUseLog keyUses;
    private final NodeRuntime runtime;
    private final FabricGateway gateway;
    private final java.time.Duration queryTimeout;
    private final RouteCache<RouteKey, Resolved> routes;

    ChannelCalls(KubernetesClient client, ChannelService channels, NamespaceOwners owners, IdentityService identities, KeyUseLog keyUses,
                 NodeRuntime runtime, GatewayConnections connections, BaasConfig config) {
        this.client = client;
        this.channels = channels;
        this.owners = owners;
        this.identities = identities;
        this.keyUses = keyUses;
        this.runtime = runtime;
        this.gateway = new FabricGateway(connections, ReconcileTimings.gateway(config.gateway()));
        this.queryTimeout = config.gateway().evaluateTimeout();
        this.routes = new RouteCache<>(config.apps().routeCacheTtl().toNanos(), MAX_ROUTES, System::nanoTime);
    }

    /** Endorses, orders and waits for the commit on the organization's peer. */
    public FabricGateway.Committed submit(String namespace, String channelName, Call call, Caller caller) {
        Route route = route(namespace, channelName, call, caller, KeyAction.SUBMIT_TRANSACTION);
        try {
            return gateway.submit(route.identity().signer(), route.peer(), route.call());
        } catch (FabricGatewayException e) {
            throw refused(e, call);
        }
    }

    /** Runs the function on the organization's peer without ordering anything. */
    public byte[] evaluate(String namespace, String channelName, Call call, Caller caller) {
        Route route = route(namespace, channelName, call, caller, KeyAction.EVALUATE_TRANSACTION);
        try {
            return gateway.evaluate(route.identity().signer(), route.peer(), route.call());
        } catch (FabricGatewayException e) {
            throw refused(e, call);
        }
    }

    /** The user's client identity in the namespace's organization (issued on first use), as chaincodes name it; nothing is signed. */
    public Client client(String namespace, Caller caller) {
        UserIdentity identity = identities.userIdentity(organization(namespace), caller.username());
        return new Client(identity.signer().identity().mspId(), ClientIds.of(identity.signer().identity()));
    }

    /** The number of the block that holds the transaction, read through qscc from the organization's peer as the user. */
    public long blockOf(String namespace, String channelName, String txId, Caller caller) {
        Route route = route(namespace, channelName, new Call("qscc", "GetBlockByTxID", List.of(txId), Map.of()), caller,
                KeyAction.EVALUATE_TRANSACTION);
        try (PeerAdminClient qscc = qscc(route.peer())) {
            return qscc.blockByTxId(route.identity().signer(), route.call().channel(), txId).getHeader().getNumber();
        } catch (FabricAdminException e) {
            throw unreadable(e, txId, channelName);
        }
    }

    /**
     * The chaincode's events in valid transactions of blocks {@code fromBlock} up to at most
     * {@code maxBlocks} further, never past the peer's height: read block by block through qscc from
     * the organization's peer as the user, so a client polls with the page's {@code nextBlock}.
     */
    public EventPage events(String namespace, String channelName, String chaincode, long fromBlock, int maxBlocks, Caller caller) {
        return readBlocks(namespace, channelName, fromBlock, maxBlocks, caller, (block, transaction, route, events) -> {
            if (transaction.valid()) {
                transaction.actions().forEach(action -> action.event().filter(e -> chaincode.equals(e.chaincode()))
                        .ifPresent(e -> events.add(new CommittedEvent(block, transaction.txId(), e.eventName(), e.payload().toByteArray()))));
            }
        });
    }

    /**
     * The caller's own transactions in the same blocks, each as a {@code TransactionStatus} event
     * whose payload is {@code {"txId", "validationCode", "valid"}}: how each of its submissions ended,
     * valid or not (an MVCC conflict, an endorsement policy failure).
     */
    public EventPage ownTransactions(String namespace, String channelName, long fromBlock, int maxBlocks, Caller caller) {
        return readBlocks(namespace, channelName, fromBlock, maxBlocks, caller, (block, transaction, route, events) -> {
            io.baas.fabric.identity.FabricIdentity mine = route.identity().signer().identity();
            boolean own = transaction.creator().map(creator -> creator.mspId().equals(mine.mspId())
                    && creator.certificate().equals(mine.certificate())).orElse(false);
            if (own && transaction.type() == org.hyperledger.fabric.protos.common.HeaderType.ENDORSER_TRANSACTION) {
                String status = "{\"txId\":\"" + transaction.txId() + "\",\"validationCode\":\"" + transaction.validationCode().name()
                        + "\",\"valid\":" + transaction.valid() + "}";
                events.add(new CommittedEvent(block, transaction.txId(), TRANSACTION_STATUS, status.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
        });
    }

    /** The name of the events {@link #ownTransactions} gives. */
    public static final String TRANSACTION_STATUS = "TransactionStatus";

    /** What a page of blocks yields from each transaction. */
    private interface BlockReader {
        void read(long block, DecodedTransaction transaction, Route route, List<CommittedEvent> into);
    }

    private EventPage readBlocks(String namespace, String channelName, long fromBlock, int maxBlocks, Caller caller, BlockReader reader) {
        Route route = route(namespace, channelName, new Call("qscc", "GetBlockByNumber", List.of(Long.toString(fromBlock)), Map.of()), caller,
                KeyAction.EVALUATE_TRANSACTION);
        String channelId = route.call().channel();
        try (PeerAdminClient qscc = qscc(route.peer())) {
            long height = qscc.chainInfo(route.identity().signer(), channelId).getHeight();
            long to = Math.min(height, fromBlock + maxBlocks);
            List<CommittedEvent> events = new java.util.ArrayList<>();
            for (long number = fromBlock; number < to; number++) {
                for (DecodedTransaction transaction : BlockDecoder.decode(qscc.block(route.identity().signer(), channelId, number)).transactions()) {
                    reader.read(number, transaction, route, events);
                }
            }
            return new EventPage(events, Math.max(to, fromBlock));
        } catch (FabricAdminException e) {
            throw e.reason() == FabricAdminException.Reason.UNAVAILABLE
                    ? new DomainException(ErrorKind.UNAVAILABLE, "NetworkUnavailable", e.getMessage())
                    : new DomainException(ErrorKind.DEPENDENCY_FAILED, "BlocksUnreadable", "The blocks of channel " + channelName
                    + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * The receipt of the evidence transaction {@code txId} recorded: the block holding it and the
     * config block in force for it (its last config), read through qscc from the organization's
     * peer as the user, a reader of the channel.
     */
    public EvidenceReceipt receipt(String namespace, String channelName, String chaincode, String hashAlgorithm, String digest, String txId,
                                   boolean includeBlock, Caller caller) {
        Route route = route(namespace, channelName, new Call("qscc", "GetBlockByTxID", List.of(txId), Map.of()), caller,
                KeyAction.EVALUATE_TRANSACTION);
        String channelId = route.call().channel();
        try (PeerAdminClient qscc = qscc(route.peer())) {
            Block block = qscc.blockByTxId(route.identity().signer(), channelId, txId);
            List<DecodedTransaction> transactions = BlockDecoder.decode(block).transactions();
            int index = java.util.stream.IntStream.range(0, transactions.size()).filter(i -> transactions.get(i).txId().equals(txId))
                    .findFirst().orElseThrow(() -> DomainException.notFound("Transaction " + txId + " is not on channel " + channelName + "."));
            long lastConfig = BlockDecoder.decodeMetadata(block).lastConfigIndex();
            Config config = BlockDecoder.decode(qscc.block(route.identity().signer(), channelId, lastConfig)).transactions().get(0).config()
                    .orElseThrow(() -> new DomainException(ErrorKind.DEPENDENCY_FAILED, "NoConfigBlock", "Block " + lastConfig
                            + " of channel " + channelName + " is not a config block."))
                    .config();
            return EvidenceReceipt.of(chaincode, hashAlgorithm, digest, block, index, config, includeBlock);
        } catch (FabricAdminException e) {
            throw unreadable(e, txId, channelName);
        }
    }

    private PeerAdminClient qscc(GatewayPeer peer) {
        return new PeerAdminClient(peer.host(), peer.port(), peer.tlsCas(), queryTimeout, java.time.Clock.systemUTC());
    }

    private static DomainException unreadable(FabricAdminException e, String txId, String channelName) {
        return e.reason() == FabricAdminException.Reason.UNAVAILABLE
                ? new DomainException(ErrorKind.UNAVAILABLE, "NetworkUnavailable", e.getMessage())
                : DomainException.notFound("Transaction " + txId + " cannot be read on channel " + channelName + ": " + e.getMessage());
    }

    private record Route(UserIdentity identity, GatewayPeer peer, FabricGateway.Call call) {
    }

    private record RouteKey(String namespace, String channel, String username) {
    }

    /** What a user's calls on a channel share: read from Kubernetes and PostgreSQL once per {@code routeCacheTtl}. */
    private record Resolved(String channelId, GatewayPeer peer, UserIdentity identity) {
    }

    /** The channel (a member's), the caller's identity, the organization's peer; the key use recorded before anything is signed. */
    private Route route(String namespace, String channelName, Call call, Caller caller, KeyAction action) {
        Resolved resolved = resolved(namespace, channelName, caller);
        UserIdentity identity = resolved.identity();
        keyUses.record(new KeyUse(identity.organization(), identity.name(), action, caller.username(),
                "namespaces/" + namespace + "/channels/" + channelName + "/chaincodes/" + call.chaincode(), "function " + call.function()));
        return new Route(identity, resolved.peer(), new FabricGateway.Call(resolved.channelId(), call.chaincode(), call.function(),
                call.arguments().stream().map(a -> a.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toList(), call.transientData(),
                List.of()));
    }

    /**
     * The route as read at most {@code routeCacheTtl} ago, else read now: a call's own reads of the
     * channel, organization, peers and held identity cost more than its signing. A failed read is
     * never kept.
     */
    private Resolved resolved(String namespace, String channelName, Caller caller) {
        return routes.get(new RouteKey(namespace, channelName, caller.username()), () -> resolve(namespace, channelName, caller));
    }

    private Resolved resolve(String namespace, String channelName, Caller caller) {
        Channel channel = channels.channel(namespace, channelName);
        Organization organization = organization(namespace);
        return new Resolved(channel.getSpec().channelId, peer(namespace, organization),
                identities.userIdentity(organization, caller.username()));
    }

    /** The namespace's organization, ready to sign. */
    private Organization organization(String namespace) {
        NamespaceOwners.Owner owner = owners.require(namespace);
        Organization organization = client.resources(Organization.class).withName(owner.organization()).get();
        if (organization == null || organization.getStatus() == null || organization.getStatus().tlsCaCertificate == null) {
            throw new DomainException(ErrorKind.UNAVAILABLE, "OrganizationNotReady", "Organization " + owner.organization()
                    + " is not ready yet.");
        }
        return organization;
    }

    /** The organization's first peer (by name) that the runtime can reach. */
    private GatewayPeer peer(String namespace, Organization organization) {
        return client.resources(PeerNode.class).inNamespace(namespace).list().getItems().stream()
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .map(runtime::peerAddress).flatMap(java.util.Optional::stream).findFirst()
                .map(address -> new GatewayPeer(address.host(), address.port(), Pem.certificates(organization.getStatus().tlsCaCertificate)))
                .orElseThrow(() -> new DomainException(ErrorKind.UNAVAILABLE, "NoPeer", "Organization "
                        + organization.getMetadata().getName() + " has no running peer in namespace " + namespace + "."));
    }

    /** The chaincode's own code as a 4xx; a network that cannot answer as 503. */
    private static DomainException refused(FabricGatewayException e, Call call) {
        java.util.Optional<ChaincodeError> chaincode = e.chaincodeError();
        if (chaincode.isPresent()) {
            String code = chaincode.get().code().orElse("ChaincodeError");
            return new DomainException(ChaincodeErrors.kind(code), code, chaincode.get().message());
        }
        return switch (e.kind()) {
            case MVCC_CONFLICT -> new DomainException(ErrorKind.CONFLICT, "MvccConflict", "What " + call.function()
                    + " read changed before it committed; try again.");
            case TIMEOUT, UNAVAILABLE, NOT_ORDERED -> new DomainException(ErrorKind.UNAVAILABLE, "NetworkUnavailable",
                    "The channel's peers or orderers did not answer: " + e.getMessage());
            default -> new DomainException(ErrorKind.DEPENDENCY_FAILED, "TransactionRefused", e.getMessage());
        };
    }
}
