package io.baas.fabric.lifecycle;

import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.fabric.admin.FabricAdminException;
import io.baas.fabric.admin.PeerAdminClient;
import io.baas.fabric.chaincode.ChaincodePackage;
import io.baas.fabric.gateway.FabricGateway;
import io.baas.fabric.gateway.FabricGatewayException;
import io.baas.fabric.gateway.GatewayPeer;
import io.baas.fabric.identity.Signer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessResult;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesResult;

/**
 * The chaincode lifecycle, each step through its door (docs/architecture.md): install and query installed
 * straight to a peer's Endorser (they name no channel, so no gateway can carry them); approve for
 * my organization endorsed by my organization's peer only; check commit readiness, commit
 * (endorsed as the channel's LifecycleEndorsement policy asks: the gateway gathers them) and query
 * committed through the peers' Gateway. Running a finished step again is a no-op that says so.
 */
public final class LifecycleClient {

    /** Whether a step changed anything. */
    public enum Outcome { DONE, ALREADY_DONE }

    /** @param detail the package ID (install) or the transaction ID (approve, commit), or why nothing was done */
    public record Step(Outcome outcome, String detail) {
    }

    private static final String ALREADY_INSTALLED = "chaincode already successfully installed";

    private final FabricGateway gateway;
    private final Duration timeout;
    private final Clock clock;

    public LifecycleClient(FabricGateway gateway, Duration timeout, Clock clock) {
        this.gateway = gateway;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Installs on one peer, as an admin of its organization; an installed package is ALREADY_DONE. */
    public Step install(GatewayPeer peer, Signer admin, ChaincodePackage chaincodePackage) {
        try (PeerAdminClient client = admin(peer)) {
            ProposalResponse response = client.propose(admin, LifecycleProposals.onPeer(
                    new LifecycleRequest.InstallChaincode(chaincodePackage.bytes())));
            if (response.getResponse().getStatus() == 200) {
                return new Step(Outcome.DONE, parse(response, InstallChaincodeResult.parser()).getPackageId());
            }
            if (response.getResponse().getMessage().contains(ALREADY_INSTALLED)) {
                return new Step(Outcome.ALREADY_DONE, chaincodePackage.packageId());
            }
            throw new FabricAdminException(FabricAdminException.Reason.REFUSED, response.getResponse().getStatus(),
                    "The peer at " + peer.address() + " refused the install: " + response.getResponse().getMessage());
        }
    }

    public List<QueryInstalledChaincodesResult.InstalledChaincode> queryInstalled(GatewayPeer peer, Signer admin) {
        try (PeerAdminClient client = admin(peer)) {
            return client.query("QueryInstalledChaincodes", admin, LifecycleProposals.onPeer(
                    new LifecycleRequest.QueryInstalledChaincodes()), QueryInstalledChaincodesResult.parser()).getInstalledChaincodesList();
        }
    }

    /**
     * Approves the definition for the admin's organization, endorsed by that organization's peer
     * only. ALREADY_DONE when the organization has approved it, or the sequence is committed.
     */
    public Step approve(GatewayPeer ownPeer, Signer admin, String channel, ChaincodeDefinition definition, String packageId) {
        return approve(ownPeer, admin, channel, definition, packageId, () -> { });
    }

    /** As {@link #approve(GatewayPeer, Signer, String, ChaincodeDefinition, String)}; {@code beforeSigning} runs only when an approval is about to be signed. */
    public Step approve(GatewayPeer ownPeer, Signer admin, String channel, ChaincodeDefinition definition, String packageId,
                        Runnable beforeSigning) {
        Optional<QueryChaincodeDefinitionResult> committed = queryCommitted(ownPeer, admin, channel, definition.name());
        if (committed.isPresent() && committed.get().getSequence() >= definition.sequence()) {
            return new Step(Outcome.ALREADY_DONE, "sequence " + committed.get().getSequence() + " is committed");
        }
        String mspId = admin.identity().mspId();
        if (Boolean.TRUE.equals(checkCommitReadiness(ownPeer, admin, channel, definition).get(mspId))) {
            return new Step(Outcome.ALREADY_DONE, mspId + " has approved sequence " + definition.sequence());
        }
        beforeSigning.run();
        FabricGateway.Committed done = gateway.submit(admin, ownPeer,
                call(channel, new LifecycleRequest.ApproveForMyOrg(definition, Optional.of(packageId))).endorsedBy(mspId));
        return new Step(Outcome.DONE, done.transactionId());
    }

    /** Which organizations have approved exactly this definition. */
    public Map<String, Boolean> checkCommitReadiness(GatewayPeer peer, Signer admin, String channel, ChaincodeDefinition definition) {
        byte[] result = gateway.evaluate(admin, peer, call(channel, new LifecycleRequest.CheckCommitReadiness(definition)));
        return parse(result, CheckCommitReadinessResult.parser()).getApprovalsMap();
    }

    /** Commits the definition; ALREADY_DONE when its sequence is the committed one. */
    public Step commit(GatewayPeer peer, Signer admin, String channel, ChaincodeDefinition definition) {
        return commit(peer, admin, channel, definition, () -> { });
    }

    /** As {@link #commit(GatewayPeer, Signer, String, ChaincodeDefinition)}; {@code beforeSigning} runs only when a commit is about to be signed. */
    public Step commit(GatewayPeer peer, Signer admin, String channel, ChaincodeDefinition definition, Runnable beforeSigning) {
        Optional<QueryChaincodeDefinitionResult> committed = queryCommitted(peer, admin, channel, definition.name());
        if (committed.isPresent() && committed.get().getSequence() == definition.sequence()) {
            return new Step(Outcome.ALREADY_DONE, "sequence " + definition.sequence() + " is committed");
        }
        beforeSigning.run();
        FabricGateway.Committed done = gateway.submit(admin, peer, call(channel, new LifecycleRequest.CommitDefinition(definition)));
        return new Step(Outcome.DONE, done.transactionId());
    }

    /** The committed definition, or empty when the chaincode has none on the channel. */
    public Optional<QueryChaincodeDefinitionResult> queryCommitted(GatewayPeer peer, Signer member, String channel, String name) {
        try {
            byte[] result = gateway.evaluate(member, peer, call(channel, new LifecycleRequest.QueryCommittedDefinition(name)));
            return Optional.of(parse(result, QueryChaincodeDefinitionResult.parser()));
        } catch (FabricGatewayException e) {
            if (e.getMessage().contains("namespace " + name + " is not defined")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private PeerAdminClient admin(GatewayPeer peer) {
        return new PeerAdminClient(peer.host(), peer.port(), peer.tlsCas(), timeout, clock);
    }

    private static FabricGateway.Call call(String channel, LifecycleRequest request) {
        return new FabricGateway.Call(channel, LifecycleRequest.CHAINCODE, request.function(), List.of(request.argument().toByteArray()),
                Map.of(), List.of());
    }

    private static <T> T parse(ProposalResponse response, com.google.protobuf.Parser<T> parser) {
        return parse(response.getResponse().getPayload().toByteArray(), parser);
    }

    private static <T> T parse(byte[] bytes, com.google.protobuf.Parser<T> parser) {
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new FabricAdminException(FabricAdminException.Reason.PROTOCOL, 200, "A lifecycle answer does not decode: " + e.getMessage());
        }
    }
}
