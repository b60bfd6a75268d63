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
import java.time.Duration;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Chaincode the peers must not run in their JVM (uploaded code) served by a process of its own:
 * the notarization package with its jar staged only for chaincode processes, so two sandbox peers
 * start it with {@code java -jar} as a CCaaS server and speak Fabric's chaincode protocol to it:
 * install, approve, commit, then record (state reads and writes, an event) and verify an evidence
 * through the separate process.
 */
class ChaincodeProcessOnSandboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @RegisterExtension
    final SandboxNetworkExtension sandbox = SandboxNetworkExtension.withBatch(SandboxNetworkExtension.ONE_PER_BLOCK, Duration.ofSeconds(2))
            .withChaincodeProcesses(processes -> processes.stage(BuiltInChaincodes.NOTARIZATION.jarName(),
                    BuiltInChaincodes.jar(BuiltInChaincodes.NOTARIZATION)));
    private final SandboxNetwork network = sandbox.network();
    private OrderingNode orderer;
    private OrdererClient ordererClient;
    private PeerNode peer1;
    private PeerNode peer2;
    private PeerClientChannel client1;
    private PeerClientChannel client2;

    @BeforeEach
    void start() {
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

    @Test
    void aChaincodeProcessServesTheTransactionsOfBothPeers() throws Exception {
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

        // Not loaded by the peers: each runs it as a process (one, shared), started at install.
        assertThat(peer1.installed().get(shipped.packageId()).orElseThrow().external()).isTrue();
        assertThat(peer2.installed().get(shipped.packageId()).orElseThrow().external()).isTrue();
        // The process starts in the background from install on; the first call may wait for it.
        ProposalRequest record = invoke("notarization:RecordEvidence", "SHA-256", DIGEST, "contract v1", "{\"pages\":3}");
        ChaincodeProposal proposal = Proposals.create(record, network.org1User.identity(), SandboxNetwork.CLOCK);
        List<ProposalResponse> endorsed = List.of(client1.stub(180).processProposal(proposal.sign(network.org1User)),
                client2.stub(180).processProposal(proposal.sign(network.org1User)));
        endorsed.forEach(r -> assertThat(r.getResponse().getStatus()).as(r.getResponse().getMessage()).isEqualTo(200));
        assertThat(ordererClient.broadcast(TransactionEnvelopes.create(proposal, endorsed, network.org1User)).getStatus())
                .isEqualTo(Status.SUCCESS);
        assertThat(code(peer1, 4)).isEqualTo(TxValidationCode.VALID);
        assertThat(code(peer2, 4)).isEqualTo(TxValidationCode.VALID);

        JsonNode verified = JSON.readTree(send(client2, network.org2Admin, invoke("notarization:VerifyEvidence", "SHA-256", DIGEST))
                .getResponse().getPayload().toStringUtf8());
        assertThat(verified.toString()).contains("Org1MSP").contains(proposal.txId());
        ProposalResponse again = send(client1, network.org1User, invoke("notarization:RecordEvidence", "SHA-256", DIGEST, "copy", "{}"));
        assertThat(again.getResponse().getStatus()).isEqualTo(500);
        assertThat(again.getResponse().getMessage()).containsIgnoringCase("already");
        assertThat(ProcessHandle.current().children().map(p -> p.info().commandLine().orElse(""))
                .filter(command -> command.contains("-jar") && command.contains("notarization.jar")).count())
                .as("one java -jar process serves both peers").isEqualTo(1);
    }

    private static ProposalRequest invoke(String function, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = function;
        System.arraycopy(args, 0, all, 1, args.length);
        return ProposalRequest.invoke(SandboxNetwork.CHANNEL, ChaincodeInvocation.of("notarization", all));
    }

    private static ProposalRequest lifecycle(LifecycleRequest request) {
        return LifecycleProposals.onChannel(SandboxNetwork.CHANNEL, request);
    }

    private static ProposalResponse send(PeerClientChannel client, Signer signer, ProposalRequest request) {
        return client.stub(180).processProposal(Proposals.create(request, signer.identity(), SandboxNetwork.CLOCK).sign(signer));
    }

    private TxValidationCode submit(Signer creator, ProposalRequest request, long block, PeerClientChannel... endorsers) throws Exception {
        ChaincodeProposal proposal = Proposals.create(request, creator.identity(), SandboxNetwork.CLOCK);
        List<ProposalResponse> responses = Arrays.stream(endorsers).map(client -> client.stub().processProposal(proposal.sign(creator))).toList();
        responses.forEach(response -> assertThat(response.getResponse().getStatus()).as(response.getResponse().getMessage()).isEqualTo(200));
        assertThat(ordererClient.broadcast(TransactionEnvelopes.create(proposal, responses, creator)).getStatus()).isEqualTo(Status.SUCCESS);
        return code(peer1, block);
    }

    private static TxValidationCode code(PeerNode peer, long number) throws InterruptedException {
        Block block = peer.channels().channel(SandboxNetwork.CHANNEL).orElseThrow().ledger().await(number, () -> false).orElseThrow();
        return TxValidationCode.forNumber(block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE).byteAt(0));
    }
}
