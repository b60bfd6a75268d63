package io.baas.fabric.gateway;

import io.baas.fabric.identity.Signer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.hyperledger.fabric.client.CallOption;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.Checkpoint;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.protos.common.Block;

/**
 * Transactions through a peer's Gateway service with the real fabric-gateway client: evaluate,
 * submit (endorse, order, wait for the commit status), chaincode events and block events from a
 * start block or a checkpoint. Signers come from custody; connections from the pool; failures are
 * {@link FabricGatewayException}s with the peers' own messages.
 */
public final class FabricGateway {

    private final GatewayConnections connections;
    private final GatewaySettings settings;

    public FabricGateway(GatewayConnections connections, GatewaySettings settings) {
        this.connections = connections;
        this.settings = settings;
    }

    /** A chaincode function call; {@code endorsingOrganizations} empty lets the gateway choose. */
    public record Call(String channel, String chaincode, String function, List<byte[]> arguments,
                       Map<String, byte[]> transientData, List<String> endorsingOrganizations) {

        public Call {
            arguments = List.copyOf(arguments);
            transientData = Map.copyOf(transientData);
            endorsingOrganizations = List.copyOf(endorsingOrganizations);
        }

        public static Call of(String channel, String chaincode, String function, String... arguments) {
            return new Call(channel, chaincode, function,
                    java.util.Arrays.stream(arguments).map(a -> a.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toList(),
                    Map.of(), List.of());
        }

        public Call endorsedBy(String... organizations) {
            return new Call(channel, chaincode, function, arguments, transientData, List.of(organizations));
        }
    }

    /** A committed valid transaction: its id, its block, what the chaincode returned. */
    public record Committed(String transactionId, long blockNumber, byte[] result) {
    }

    /** Runs the function on a peer without ordering anything; tried again while no peer answers. */
    public byte[] evaluate(Signer signer, GatewayPeer peer, Call call) {
        return withGateway(signer, peer, gateway -> retrying(() -> proposal(gateway, call).evaluate()));
    }

    /**
     * Endorses (tried again while no peer answers: nothing is ordered yet), submits to the
     * orderer, and waits until the peer has committed it; a transaction committed invalid is an
     * error with its validation code.
     */
    public Committed submit(Signer signer, GatewayPeer peer, Call call) {
        return withGateway(signer, peer, gateway -> {
            Transaction endorsed = retrying(() -> proposal(gateway, call).endorse());
            try {
                SubmittedTransaction submitted = endorsed.submitAsync();
                Status status = submitted.getStatus();
                if (!status.isSuccessful()) {
                    throw GatewayErrors.invalid(status.getTransactionId(), status.getCode());
                }
                return new Committed(status.getTransactionId(), status.getBlockNumber(), submitted.getResult());
            } catch (GatewayException e) {
                throw GatewayErrors.of(e);
            }
        });
    }

    /**
     * The chaincode's events from a start block, or after a checkpoint (which wins when it has a
     * position). The caller closes the iterator; iterating fails with a FabricGatewayException.
     */
    public CloseableIterator<ChaincodeEvent> chaincodeEvents(Signer signer, GatewayPeer peer, String channel, String chaincode,
                                                              OptionalLong startBlock, Checkpoint checkpoint) {
        Gateway gateway = connect(signer, peer);
        var request = gateway.getNetwork(channel).newChaincodeEventsRequest(chaincode);
        startBlock.ifPresent(request::startBlock);
        if (checkpoint != null) {
            request.checkpoint(checkpoint);
        }
        return new Mapped<>(request.build().getEvents(), gateway);
    }

    /** The channel's committed blocks from a start block, or after a checkpoint. */
    public CloseableIterator<Block> blockEvents(Signer signer, GatewayPeer peer, String channel, OptionalLong startBlock,
                                                Checkpoint checkpoint) {
        Gateway gateway = connect(signer, peer);
        var request = gateway.getNetwork(channel).newBlockEventsRequest();
        startBlock.ifPresent(request::startBlock);
        if (checkpoint != null) {
            request.checkpoint(checkpoint);
        }
        return new Mapped<>(request.build().getEvents(), gateway);
    }

    private Proposal proposal(Gateway gateway, Call call) {
        Network network = gateway.getNetwork(call.channel());
        Proposal.Builder builder = network.getContract(call.chaincode()).newProposal(call.function())
                .addArguments(call.arguments().toArray(byte[][]::new))
                .putAllTransient(call.transientData());
        if (!call.endorsingOrganizations().isEmpty()) {
            builder.setEndorsingOrganizations(call.endorsingOrganizations().toArray(String[]::new));
        }
        return builder.build();
    }

    private Gateway connect(Signer signer, GatewayPeer peer) {
        return Gateway.newInstance()
                .identity(GatewayIdentity.identity(signer))
                .signer(GatewayIdentity.signer(signer))
                .hash(Hash.NONE)
                .connection(connections.channel(peer))
                .evaluateOptions(deadline(settings.evaluate()))
                .endorseOptions(deadline(settings.endorse()))
                .submitOptions(deadline(settings.submit()))
                .commitStatusOptions(deadline(settings.commitStatus()))
                .connect();
    }

    private <T> T withGateway(Signer signer, GatewayPeer peer, Function<Gateway, T> work) {
        try (Gateway gateway = connect(signer, peer)) {
            return work.apply(gateway);
        } catch (GatewayRuntimeException e) {
            throw GatewayErrors.of(e);
        }
    }

    /** A call that can only fail before anything was ordered. */
    private interface Attempt<T> {
        T run() throws GatewayException;
    }

    private <T> T retrying(Attempt<T> attempt) {
        for (int tried = 1; ; tried++) {
            try {
                return attempt.run();
            } catch (GatewayException e) {
                if (tried >= settings.attempts() || !GatewayErrors.retryable(e)) {
                    throw GatewayErrors.of(e);
                }
                pause(settings.retryPause().multipliedBy(tried));
            }
        }
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to try the gateway again", e);
        }
    }

    private static CallOption deadline(Duration duration) {
        return CallOption.deadlineAfter(duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** An event iterator whose failures are the project's and whose close also ends its gateway. */
    private record Mapped<T>(CloseableIterator<T> events, Gateway gateway) implements CloseableIterator<T> {
        @Override
        public boolean hasNext() {
            try {
                return events.hasNext();
            } catch (GatewayRuntimeException e) {
                throw GatewayErrors.of(e);
            }
        }

        @Override
        public T next() {
            try {
                return events.next();
            } catch (GatewayRuntimeException e) {
                throw GatewayErrors.of(e);
            }
        }

        @Override
        public void close() {
            events.close();
            gateway.close();
        }
    }
}
