package io.baas.fabric.sandbox.peer.chaincode;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.baas.fabric.sandbox.peer.endorser.ChaincodeResult;
import io.baas.fabric.sandbox.peer.ledger.HistoryEntry;
import io.baas.fabric.sandbox.peer.ledger.TxSimulator;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hyperledger.fabric.protos.ledger.queryresult.KV;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.hyperledger.fabric.protos.peer.ChaincodeGrpc;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.DelState;
import org.hyperledger.fabric.protos.peer.GetHistoryForKey;
import org.hyperledger.fabric.protos.peer.GetQueryResult;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.GetStateByRange;
import org.hyperledger.fabric.protos.peer.GetStateMetadata;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.QueryMetadata;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.QueryResultBytes;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.StateMetadataResult;

/**
 * The peer's side of Fabric's chaincode protocol to a chaincode-as-a-service server, as a real
 * peer speaks it to a CCaaS chaincode: it dials the server and opens {@code Chaincode/Connect};
 * the chaincode registers, the peer answers REGISTERED and READY; then each transaction is a
 * TRANSACTION message with the proposal, the chaincode's state calls (GET_STATE, PUT_STATE,
 * DEL_STATE, GET_STATE_BY_RANGE, GET_HISTORY_FOR_KEY...) answered from the transaction's simulator
 * as RESPONSE or ERROR, until COMPLETED. Transactions share the one stream, told apart by channel
 * and transaction ID. A stream that breaks fails its transactions and is opened anew for the next.
 */
public final class RemoteChaincode implements ChaincodeRunner {

    /** Fabric's default chaincode execute timeout. */
    private static final long EXECUTE_SECONDS = 30;

    private final String packageId;
    private final java.util.function.Supplier<ChaincodeProcesses.Address> server;
    private final java.util.Optional<java.util.List<java.security.cert.X509Certificate>> tlsRoots;
    private final Map<String, Exchange> exchanges = new ConcurrentHashMap<>();
    private ChaincodeProcesses.Address address;
    private ManagedChannel connection;
    private Stream stream;

    /**
     * @param server where the chaincode's server listens, asked again whenever a stream must be
     *               opened: a server that ended is started anew there, as Fabric's peer launches a
     *               chaincode again after it died
     */
    public RemoteChaincode(String packageId, java.util.function.Supplier<ChaincodeProcesses.Address> server) {
        this(packageId, server, java.util.Optional.empty());
    }

    /** @param tlsRoots with TLS: the roots the server's certificate must chain to (connection.json's root_cert) */
    public RemoteChaincode(String packageId, java.util.function.Supplier<ChaincodeProcesses.Address> server,
                           java.util.Optional<java.util.List<java.security.cert.X509Certificate>> tlsRoots) {
        this.packageId = packageId;
        this.server = server;
        this.tlsRoots = tlsRoots;
    }

    @Override
    public ChaincodeResult invoke(ChaincodeCall call) {
        String key = call.proposal().channelId() + "/" + call.proposal().txId();
        Exchange exchange = new Exchange(call);
        if (exchanges.putIfAbsent(key, exchange) != null) {
            return ChaincodeResult.error("transaction " + call.proposal().txId() + " is already executing on chaincode " + packageId);
        }
        try {
            Stream current = stream();
            current.send(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.TRANSACTION)
                    .setTxid(call.proposal().txId()).setChannelId(call.proposal().channelId())
                    .setProposal(call.proposal().signed())
                    .setPayload(ChaincodeInput.newBuilder().addAllArgs(call.proposal().args()).build().toByteString())
                    .build());
            return exchange.result.get(EXECUTE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return ChaincodeResult.error("timeout expired while executing transaction");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ChaincodeResult.error("interrupted while executing transaction");
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            return ChaincodeResult.error("error sending: " + cause.getMessage());
        } finally {
            exchanges.remove(key);
        }
    }

    private synchronized Stream stream() throws ExecutionException, InterruptedException, TimeoutException {
        if (stream == null || stream.broken) {
            ChaincodeProcesses.Address current = server.get();
            if (connection == null || !current.equals(address)) {
                if (connection != null) {
                    connection.shutdownNow();
                }
                address = current;
                NettyChannelBuilder builder = NettyChannelBuilder.forAddress(current.host(), current.port()).maxInboundMessageSize(100 << 20);
                if (tlsRoots.isPresent()) {
                    try {
                        builder.sslContext(io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts.forClient()
                                .trustManager(tlsRoots.get().toArray(java.security.cert.X509Certificate[]::new)).build());
                    } catch (javax.net.ssl.SSLException e) {
                        throw new IllegalStateException("cannot set up TLS towards chaincode " + packageId + ": " + e.getMessage(), e);
                    }
                } else {
                    builder.usePlaintext();
                }
                connection = builder.build();
            }
            Stream opened = new Stream();
            // Opened outside the caller's gRPC context: the stream outlives the endorsement that opened it,
            // and a server call's context is cancelled when that call completes ("cancelled without error").
            Context detached = Context.current().fork();
            Context previous = detached.attach();
            try {
                opened.requests = ChaincodeGrpc.newStub(connection).connect(opened);
            } finally {
                detached.detach(previous);
            }
            stream = opened;
        }
        Stream current = stream;
        current.ready.get(EXECUTE_SECONDS, TimeUnit.SECONDS);
        return current;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.shutdownNow();
        }
    }

    /** One transaction in flight: its call, and the result the chaincode's COMPLETED or ERROR gives. */
    private static final class Exchange {
        private final ChaincodeCall call;
        private final CompletableFuture<ChaincodeResult> result = new CompletableFuture<>();

        Exchange(ChaincodeCall call) {
            this.call = call;
        }
    }

    /** One Connect stream: registration, then the messages of every transaction on it. */
    private final class Stream implements StreamObserver<ChaincodeMessage> {
        private final CompletableFuture<Void> ready = new CompletableFuture<>();
        private StreamObserver<ChaincodeMessage> requests;
        private volatile boolean broken;

        synchronized void send(ChaincodeMessage message) {
            requests.onNext(message);
        }

        @Override
        public void onNext(ChaincodeMessage message) {
            switch (message.getType()) {
                case REGISTER -> {
                    send(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.REGISTERED).build());
                    send(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.READY).build());
                    ready.complete(null);
                }
                case KEEPALIVE -> send(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.KEEPALIVE).build());
                case COMPLETED -> finish(message, completed(message));
                case ERROR -> finish(message, ChaincodeResult.error(message.getPayload().toStringUtf8()));
                default -> answer(message);
            }
        }

        @Override
        public void onError(Throwable failure) {
            end("chaincode stream terminated: " + failure.getMessage());
        }

        @Override
        public void onCompleted() {
            end("chaincode stream terminated");
        }

        private void end(String why) {
            broken = true;
            ready.completeExceptionally(new IllegalStateException(why));
            exchanges.values().forEach(e -> e.result.complete(ChaincodeResult.error(why)));
        }

        private void finish(ChaincodeMessage message, ChaincodeResult result) {
            Exchange exchange = exchanges.get(message.getChannelId() + "/" + message.getTxid());
            if (exchange != null) {
                exchange.result.complete(result);
            }
        }

        /** A state call of a transaction in flight, answered from its simulator. */
        private void answer(ChaincodeMessage message) {
            Exchange exchange = exchanges.get(message.getChannelId() + "/" + message.getTxid());
            ChaincodeMessage.Builder reply = ChaincodeMessage.newBuilder().setTxid(message.getTxid()).setChannelId(message.getChannelId());
            if (exchange == null) {
                send(reply.setType(ChaincodeMessage.Type.ERROR)
                        .setPayload(ByteString.copyFromUtf8("no transaction context for " + message.getTxid())).build());
                return;
            }
            try {
                send(reply.setType(ChaincodeMessage.Type.RESPONSE).setPayload(handle(exchange.call, message)).build());
            } catch (RuntimeException | InvalidProtocolBufferException e) {
                send(reply.setType(ChaincodeMessage.Type.ERROR).setPayload(ByteString.copyFromUtf8(
                        HandlerException.payload(message.getType().name(), message.getTxid(), String.valueOf(e.getMessage())))).build());
            }
        }
    }

    private static ChaincodeResult completed(ChaincodeMessage message) {
        try {
            Response response = Response.parseFrom(message.getPayload());
            Optional<org.hyperledger.fabric.protos.peer.ChaincodeEvent> event = message.hasChaincodeEvent()
                    && !message.getChaincodeEvent().getEventName().isEmpty() ? Optional.of(message.getChaincodeEvent()) : Optional.empty();
            return new ChaincodeResult(response, event);
        } catch (InvalidProtocolBufferException e) {
            return ChaincodeResult.error("chaincode answered an unreadable response: " + e.getMessage());
        }
    }

    /** What the peer answers to one state call, as Fabric's handler does for the operations the sandbox's ledger has. */
    static ByteString handle(ChaincodeCall call, ChaincodeMessage message) throws InvalidProtocolBufferException {
        TxSimulator simulator = call.simulator();
        String ns = call.namespace();
        return switch (message.getType()) {
            case GET_STATE -> {
                GetState get = GetState.parseFrom(message.getPayload());
                yield get.getCollection().isEmpty()
                        ? simulator.get(ns, get.getKey()).orElse(ByteString.EMPTY)
                        : call.getPrivateData(get.getCollection(), get.getKey()).orElse(ByteString.EMPTY);
            }
            case GET_PRIVATE_DATA_HASH -> {
                GetState get = GetState.parseFrom(message.getPayload());
                yield call.getPrivateDataHash(get.getCollection(), get.getKey());
            }
            case PUT_STATE -> {
                PutState put = PutState.parseFrom(message.getPayload());
                if (put.getCollection().isEmpty()) {
                    call.beforeWrite();
                    simulator.put(ns, put.getKey(), put.getValue());
                } else {
                    call.putPrivateData(put.getCollection(), put.getKey(), put.getValue());
                }
                yield ByteString.EMPTY;
            }
            case DEL_STATE -> {
                DelState delete = DelState.parseFrom(message.getPayload());
                if (delete.getCollection().isEmpty()) {
                    call.beforeWrite();
                    simulator.delete(ns, delete.getKey());
                } else {
                    call.delPrivateData(delete.getCollection(), delete.getKey());
                }
                yield ByteString.EMPTY;
            }
            case PURGE_PRIVATE_DATA -> {
                DelState purge = DelState.parseFrom(message.getPayload());
                call.purgePrivateData(purge.getCollection(), purge.getKey());
                yield ByteString.EMPTY;
            }
            case GET_STATE_BY_RANGE -> range(call, GetStateByRange.parseFrom(message.getPayload()));
            // Every result went with the first answer (has_more false): closing or asking for more finds nothing.
            case QUERY_STATE_NEXT, QUERY_STATE_CLOSE -> QueryResponse.newBuilder().setHasMore(false).build().toByteString();
            case GET_HISTORY_FOR_KEY -> history(simulator.history(ns, GetHistoryForKey.parseFrom(message.getPayload()).getKey()));
            case GET_STATE_METADATA -> {
                GetStateMetadata get = GetStateMetadata.parseFrom(message.getPayload());
                if (!get.getCollection().isEmpty()) {
                    call.readPrivateMetadata(get.getCollection(), get.getKey());
                }
                yield StateMetadataResult.getDefaultInstance().toByteString();
            }
            case GET_QUERY_RESULT -> {
                GetQueryResult query = GetQueryResult.parseFrom(message.getPayload());
                if (!query.getCollection().isEmpty()) {
                    call.privateRichQuery(query.getCollection());
                }
                throw Unsupported.of(Unsupported.RICH_QUERY);
            }
            case PUT_STATE_METADATA -> throw Unsupported.of(Unsupported.KEY_LEVEL_POLICY);
            case INVOKE_CHAINCODE -> throw Unsupported.of(Unsupported.CHAINCODE_TO_CHAINCODE);
            default -> throw new UnsupportedOperationException("message type " + message.getType() + " is not supported by the sandbox peer");
        };
    }

    private static ByteString range(ChaincodeCall call, GetStateByRange request) throws InvalidProtocolBufferException {
        QueryResponse.Builder response = QueryResponse.newBuilder().setHasMore(false).setId(UUID.randomUUID().toString());
        List<TxSimulator.Entry> entries;
        if (!request.getCollection().isEmpty()) {
            entries = call.privateRange(request.getCollection(), request.getStartKey(), request.getEndKey());
        } else if (request.getMetadata().isEmpty()) {
            entries = call.simulator().range(call.namespace(), request.getStartKey(), request.getEndKey(), 0);
        } else {
            QueryMetadata metadata = QueryMetadata.parseFrom(request.getMetadata());
            call.beforePaginatedQuery();
            TxSimulator.Page page = call.simulator().rangePage(call.namespace(), request.getStartKey(), request.getEndKey(),
                    metadata.getPageSize(), metadata.getBookmark());
            entries = page.entries();
            response.setMetadata(QueryResponseMetadata.newBuilder().setFetchedRecordsCount(entries.size())
                    .setBookmark(page.bookmark()).build().toByteString());
        }
        for (TxSimulator.Entry entry : entries) {
            response.addResults(QueryResultBytes.newBuilder().setResultBytes(KV.newBuilder().setNamespace(call.namespace())
                    .setKey(entry.key()).setValue(entry.value()).build().toByteString()));
        }
        return response.build().toByteString();
    }

    private static ByteString history(List<HistoryEntry> entries) {
        QueryResponse.Builder response = QueryResponse.newBuilder().setHasMore(false).setId(UUID.randomUUID().toString());
        for (HistoryEntry entry : entries) {
            response.addResults(QueryResultBytes.newBuilder().setResultBytes(KeyModification.newBuilder().setTxId(entry.txId())
                    .setValue(entry.value() == null ? ByteString.EMPTY : entry.value()).setIsDelete(entry.delete())
                    .setTimestamp(Timestamp.newBuilder().setSeconds(entry.timestamp().getEpochSecond()).setNanos(entry.timestamp().getNano()))
                    .build().toByteString()));
        }
        return response.build().toByteString();
    }
}
