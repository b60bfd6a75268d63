package io.baas.fabric.sandbox.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.fabric.chaincode.BuiltInChaincodes;
import io.baas.fabric.chaincode.ChaincodePackage;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.lifecycle.ChaincodeDefinition;
import io.baas.fabric.lifecycle.LifecycleProposals;
import io.baas.fabric.lifecycle.LifecycleRequest;
import io.baas.fabric.sandbox.OrdererClient;
import io.baas.fabric.sandbox.OrderingNode;
import io.baas.fabric.sandbox.PeerNode;
import io.baas.fabric.sandbox.SandboxNetwork;
import io.baas.fabric.sandbox.SandboxNetworkExtension;
import io.baas.fabric.transaction.ChaincodeInvocation;
import io.baas.fabric.transaction.ChaincodeProposal;
import io.baas.fabric.transaction.ProposalRequest;
import io.baas.fabric.transaction.Proposals;
import io.baas.fabric.transaction.TransactionEnvelopes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The shipped notarization package, byte for byte as the service installs it on Fabric, on two
 * sandbox peers: install, approve by both organizations, commit, then record and verify an evidence
 * through the contract in the shipped jar. Subclasses say where the jar runs.
 */
abstract class NotarizationOnSandboxFlow {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    protected SandboxNetwork network;
    private OrderingNode orderer;
    private OrdererClient ordererClient;
    protected PeerNode peer1;
    protected PeerNode peer2;
    protected PeerClientChannel client1;
    protected PeerClientChannel client2;

    /** The network, with the notarization jar where the subclass wants it run. */
    abstract SandboxNetworkExtension sandbox();

    @BeforeEach
    void start() {
        SandboxNetworkExtension sandbox = sandbox();
        network = sandbox.network();
        orderer = sandbox.orderer();
        ordererClient = new OrdererClient(orderer.port(), network.ordererTlsCa());
        peer1 = sandbox.peer(1);
        peer2 = sandbox.peer(2);
        client1 = new PeerClientChannel(peer1.port(), network.tlsCa(1));
        client2 = new PeerClientChannel(peer2.port(), network.tlsCa(2));
    }

    @AfterEach
    void stop() throws Exception {
        client1.close();
        client2.close();
        ordererClient.close();
    }

    /** Runs the flow; returns the package ID. */
    String recordAndVerifyAnEvidence() throws Exception {
        ChaincodePackage shipped = BuiltInChaincodes.find("notarization").orElseThrow().chaincodePackage();
        LifecycleRequest install = new LifecycleRequest.InstallChaincode(shipped.bytes());
        assertThat(send(client1, network.org1Admin, LifecycleProposals.onPeer(install)).getResponse().getStatus()).isEqualTo(200);
        assertThat(send(client2, network.org2Admin, LifecycleProposals.onPeer(install)).getResponse().getStatus()).isEqualTo(200);
        ChaincodeDefinition definition = ChaincodeDefinition.of("notarization", "1.0", 1, false);
        Optional<String> packageId = Optional.of(shipped.packageId());
        assertThat(submit(network.org1Admin, lifecycle(new LifecycleRequest.ApproveForMyOrg(definition, packageId)), 1, client1))
                .isEqualTo(TxValidationCode.VALID);
        assertThat(submit(network.org2Admin, lifecycle(new LifecycleRequest.ApproveForMyOrg(definition, packageId)), 2, client2))
                .isEqualTo(TxValidationCode.VALID);
        assertThat(submit(network.org1Admin, lifecycle(new LifecycleRequest.CommitDefinition(definition)), 3, client1, client2))
                .isEqualTo(TxValidationCode.VALID);

        // The jars load in the background from install on; the first call may wait for them.
        ProposalRequest record = invoke("notarization:RecordEvidence", "SHA-256", DIGEST, "contract v1", "{\"pages\":3}");
        ChaincodeProposal proposal = Proposals.create(record, network.org1User.identity(), SandboxNetwork.CLOCK);
        List<ProposalResponse> endorsed = List.of(client1.stub(180).processProposal(proposal.sign(network.org1User)),
                client2.stub(180).processProposal(proposal.sign(network.org1User)));
        endorsed.forEach(r -> assertThat(r.getResponse().getStatus()).as(r.getResponse().getMessage()).isEqualTo(200));
        assertThat(ordererClient.broadcast(TransactionEnvelopes.create(proposal, endorsed, network.org1User)).getStatus())
                .isEqualTo(Status.SUCCESS);
        assertThat(code(peer1, 4)).isEqualTo(TxValidationCode.VALID);
        assertThat(code(peer2, 4)).isEqualTo(TxValidationCode.VALID);

        // A receipt of the evidence, made from Org2's peer's block and config, holds for the document and for nothing else.
        var channel = peer2.channels().channel(SandboxNetwork.CHANNEL).orElseThrow();
        var receipt = io.baas.fabric.receipt.EvidenceReceipt.of("notarization", "SHA-256", DIGEST,
                channel.peerLedger().block(4).orElseThrow(), 0, channel.config().config(), true);
        List<io.baas.fabric.receipt.ReceiptCheck> checks = io.baas.fabric.receipt.ReceiptVerifier.verify(
                io.baas.fabric.receipt.EvidenceReceipt.fromJson(receipt.toJson()), Optional.of("test".getBytes(StandardCharsets.UTF_8)),
                Optional.empty());
        assertThat(checks).allSatisfy(check -> assertThat(check.outcome()).as(check.toString())
                .isEqualTo(io.baas.fabric.receipt.ReceiptCheck.Outcome.PASSED));
        assertThat(checks).filteredOn(check -> check.name().equals("transaction")).singleElement()
                .satisfies(check -> assertThat(check.detail()).contains("Org1MSP").contains(proposal.txId()));
        assertThat(io.baas.fabric.receipt.ReceiptVerifier.holds(io.baas.fabric.receipt.ReceiptVerifier.verify(receipt,
                Optional.of("test!".getBytes(StandardCharsets.UTF_8)), Optional.empty()))).isFalse();

        JsonNode verified = JSON.readTree(send(client2, network.org2Admin, invoke("notarization:VerifyEvidence", "SHA-256", DIGEST))
                .getResponse().getPayload().toStringUtf8());
        assertThat(verified.toString()).contains("Org1MSP").contains(proposal.txId());
        ProposalResponse again = send(client1, network.org1User, invoke("notarization:RecordEvidence", "SHA-256", DIGEST, "copy", "{}"));
        assertThat(again.getResponse().getStatus()).isEqualTo(500);
        assertThat(again.getResponse().getMessage()).containsIgnoringCase("already");
        return shipped.packageId();
    }

    static ProposalRequest invoke(String function, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = function;
        System.arraycopy(args, 0, all, 1, args.length);
        return ProposalRequest.invoke(SandboxNetwork.CHANNEL, ChaincodeInvocation.of("notarization", all));
    }

    private static ProposalRequest lifecycle(LifecycleRequest request) {
        return LifecycleProposals.onChannel(SandboxNetwork.CHANNEL, request);
    }

    static ProposalResponse send(PeerClientChannel client, Signer signer, ProposalRequest request) {
        return client.stub(180).processProposal(Proposals.create(request, signer.identity(), SandboxNetwork.CLOCK).sign(signer));
    }

    private TxValidationCode submit(Signer creator, ProposalRequest request, long block, PeerClientChannel... endorsers) throws Exception {
        ChaincodeProposal proposal = Proposals.create(request, creator.identity(), SandboxNetwork.CLOCK);
        List<ProposalResponse> responses = Arrays.stream(endorsers).map(client -> client.stub().processProposal(proposal.sign(creator))).toList();
        responses.forEach(response -> assertThat(response.getResponse().getStatus()).as(response.getResponse().getMessage()).isEqualTo(200));
        assertThat(ordererClient.broadcast(TransactionEnvelopes.create(proposal, responses, creator)).getStatus()).isEqualTo(Status.SUCCESS);
        // Committed on both peers before the next step asks either to endorse: an approval committed on Org1's peer alone is
        // not yet one Org2's peer can see, and a commit endorsed there would find the definition not agreed to.
        TxValidationCode onPeer2 = code(peer2, block);
        TxValidationCode onPeer1 = code(peer1, block);
        assertThat(onPeer2).as("the same validation on both peers").isEqualTo(onPeer1);
        return onPeer1;
    }

    private static TxValidationCode code(PeerNode peer, long number) throws InterruptedException {
        Block block = peer.channels().channel(SandboxNetwork.CHANNEL).orElseThrow().ledger().await(number, () -> false).orElseThrow();
        return TxValidationCode.forNumber(block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE).byteAt(0));
    }
}
