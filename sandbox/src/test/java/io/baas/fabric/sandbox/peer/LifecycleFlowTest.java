package io.baas.fabric.sandbox.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
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
import io.baas.fabric.sandbox.peer.chaincode.ChaincodeJars;
import io.baas.fabric.transaction.ChaincodeInvocation;
import io.baas.fabric.transaction.ChaincodeProposal;
import io.baas.fabric.transaction.ProposalRequest;
import io.baas.fabric.transaction.Proposals;
import io.baas.fabric.transaction.TransactionEnvelopes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessResult;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chaincode lifecycle end to end on two peers of two organizations, as the peer CLI drives it:
 * install the sandbox package on both, approve by each organization (endorsed by its own peer),
 * check commit readiness, commit with both peers' endorsements (one is not enough for
 * LifecycleEndorsement), query committed, then invoke the chaincode the package names.
 */
class LifecycleFlowTest {

    @RegisterExtension
    final SandboxNetworkExtension sandbox = SandboxNetworkExtension.withBatch(SandboxNetworkExtension.ONE_PER_BLOCK, Duration.ofSeconds(2))
            .withChaincodeJars(jars -> ChaincodeJars.build(jars, "alpha.jar", ChaincodeJars.ALPHA));
    private final SandboxNetwork network = sandbox.network();
    private OrderingNode orderer;
    private OrdererClient ordererClient;
    private PeerNode peer1;
    private PeerNode peer2;
    private PeerClientChannel client1;
    private PeerClientChannel client2;
    private ChaincodePackage chaincodePackage;

    @BeforeEach
    void start() throws Exception {
        chaincodePackage = ChaincodeJars.sandboxPackage("alpha", sandbox.chaincodeJars().resolve("alpha.jar"));
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

    private static ProposalResponse send(PeerClientChannel client, Signer signer, ProposalRequest request) {
        return client.stub().processProposal(Proposals.create(request, signer.identity(), SandboxNetwork.CLOCK).sign(signer));
    }

    /** Endorses on the given peers, orders the transaction and returns its validation code on both peers. */
    private TxValidationCode submit(Signer creator, ProposalRequest request, long block, PeerClientChannel... endorsers) throws Exception {
        ChaincodeProposal proposal = Proposals.create(request, creator.identity(), SandboxNetwork.CLOCK);
        List<ProposalResponse> responses = java.util.Arrays.stream(endorsers)
                .map(client -> client.stub().processProposal(proposal.sign(creator))).toList();
        responses.forEach(response -> assertThat(response.getResponse().getStatus()).as(response.getResponse().getMessage()).isEqualTo(200));
        assertThat(ordererClient.broadcast(TransactionEnvelopes.create(proposal, responses, creator)).getStatus()).isEqualTo(Status.SUCCESS);
        TxValidationCode code1 = code(peer1, block);
        assertThat(code(peer2, block)).isEqualTo(code1);
        return code1;
    }

    private static TxValidationCode code(PeerNode peer, long number) throws InterruptedException {
        Block block = peer.channels().channel(SandboxNetwork.CHANNEL).orElseThrow().ledger().await(number, () -> false).orElseThrow();
        return TxValidationCode.forNumber(block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE).byteAt(0));
    }

    private ProposalResponse lifecycle(PeerClientChannel client, Signer signer, LifecycleRequest request) {
        return send(client, signer, LifecycleProposals.onChannel(SandboxNetwork.CHANNEL, request));
    }

    @Test
    void installApproveByEachOrganizationCommitAndInvoke() throws Exception {
        LifecycleRequest install = new LifecycleRequest.InstallChaincode(chaincodePackage.bytes());
        ProposalResponse installed = send(client1, network.org1Admin, LifecycleProposals.onPeer(install));
        assertThat(installed.getResponse().getStatus()).isEqualTo(200);
        assertThat(InstallChaincodeResult.parseFrom(installed.getResponse().getPayload()).getPackageId())
                .isEqualTo(chaincodePackage.packageId());
        assertThat(send(client2, network.org2Admin, LifecycleProposals.onPeer(install)).getResponse().getStatus()).isEqualTo(200);
        ProposalResponse again = send(client1, network.org1Admin, LifecycleProposals.onPeer(install));
        assertThat(again.getResponse().getStatus()).isEqualTo(500);
        assertThat(again.getResponse().getMessage()).contains("chaincode already successfully installed");
        ProposalResponse byUser = send(client1, network.org1User, LifecycleProposals.onPeer(new LifecycleRequest.QueryInstalledChaincodes()));
        assertThat(byUser.getResponse().getStatus()).isEqualTo(500);
        QueryInstalledChaincodesResult list = QueryInstalledChaincodesResult.parseFrom(send(client2, network.org2Admin,
                LifecycleProposals.onPeer(new LifecycleRequest.QueryInstalledChaincodes())).getResponse().getPayload());
        assertThat(list.getInstalledChaincodesList()).singleElement()
                .satisfies(cc -> assertThat(cc.getLabel()).isEqualTo("alpha_1"));

        ChaincodeDefinition definition = ChaincodeDefinition.of("alpha", "1.0", 1, false);
        Optional<String> packageId = Optional.of(chaincodePackage.packageId());
        assertThat(submit(network.org1Admin, LifecycleProposals.onChannel(SandboxNetwork.CHANNEL,
                new LifecycleRequest.ApproveForMyOrg(definition, packageId)), 1, client1)).isEqualTo(TxValidationCode.VALID);
        // As Fabric writes an approval: private data of Org1's implicit collection, Org2's peer holding only the hashes.
        var approval = io.baas.fabric.block.BlockDecoder.decode(peer2.channels().channel(SandboxNetwork.CHANNEL).orElseThrow().peerLedger()
                .block(1).orElseThrow()).transactions().get(0).actions().get(0).readWriteSets().get(0);
        assertThat(approval.namespace()).isEqualTo("_lifecycle");
        assertThat(approval.writes()).as("nothing public").isEmpty();
        assertThat(approval.collections()).singleElement().satisfies(collection -> {
            assertThat(collection.collection()).isEqualTo("_implicit_org_Org1MSP");
            assertThat(collection.writes()).extracting(io.baas.fabric.block.HashedWrite::keyHash).containsExactly(
                    java.util.stream.Stream.of("chaincode-sources/fields/alpha#1/PackageID", "chaincode-sources/metadata/alpha#1",
                            "namespaces/fields/alpha#1/Collections", "namespaces/fields/alpha#1/EndorsementInfo",
                            "namespaces/fields/alpha#1/ValidationInfo", "namespaces/metadata/alpha#1")
                            .map(io.baas.fabric.sandbox.peer.ledger.PrivateHash::keyHash).toArray(ByteString[]::new));
            assertThat(collection.reads()).hasSize(2);
        });
        String packageKey = "chaincode-sources/fields/alpha#1/PackageID";
        assertThat(peer1.channels().channel(SandboxNetwork.CHANNEL).orElseThrow().peerLedger().state()
                .privateValue("_lifecycle", "_implicit_org_Org1MSP", packageKey)).isPresent();
        assertThat(peer2.channels().channel(SandboxNetwork.CHANNEL).orElseThrow().peerLedger().state()
                .privateValue("_lifecycle", "_implicit_org_Org1MSP", packageKey)).isEmpty();
        assertThat(peer2.channels().channel(SandboxNetwork.CHANNEL).orElseThrow().peerLedger().state()
                .privateHash("_lifecycle", "_implicit_org_Org1MSP", io.baas.fabric.sandbox.peer.ledger.PrivateHash.keyHash(packageKey))).isPresent();
        CheckCommitReadinessResult afterOrg1 = CheckCommitReadinessResult.parseFrom(lifecycle(client2, network.org2Admin,
                new LifecycleRequest.CheckCommitReadiness(definition)).getResponse().getPayload());
        assertThat(afterOrg1.getApprovalsMap()).containsEntry("Org1MSP", true).containsEntry("Org2MSP", false);
        ProposalResponse skipped = lifecycle(client1, network.org1Admin,
                new LifecycleRequest.ApproveForMyOrg(ChaincodeDefinition.of("alpha", "1.0", 3, false), packageId));
        assertThat(skipped.getResponse().getMessage()).contains("requested sequence is 3, but new definition must be sequence 1");

        assertThat(submit(network.org2Admin, LifecycleProposals.onChannel(SandboxNetwork.CHANNEL,
                new LifecycleRequest.ApproveForMyOrg(definition, packageId)), 2, client2)).isEqualTo(TxValidationCode.VALID);
        CheckCommitReadinessResult ready = CheckCommitReadinessResult.parseFrom(lifecycle(client1, network.org1Admin,
                new LifecycleRequest.CheckCommitReadiness(definition)).getResponse().getPayload());
        assertThat(ready.getApprovalsMap()).containsEntry("Org1MSP", true).containsEntry("Org2MSP", true);

        LifecycleRequest commit = new LifecycleRequest.CommitDefinition(definition);
        assertThat(submit(network.org1Admin, LifecycleProposals.onChannel(SandboxNetwork.CHANNEL, commit), 3, client1))
                .isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        assertThat(submit(network.org1Admin, LifecycleProposals.onChannel(SandboxNetwork.CHANNEL, commit), 4, client1, client2))
                .isEqualTo(TxValidationCode.VALID);
        QueryChaincodeDefinitionResult committed = QueryChaincodeDefinitionResult.parseFrom(lifecycle(client2, network.org2Admin,
                new LifecycleRequest.QueryCommittedDefinition("alpha")).getResponse().getPayload());
        assertThat(committed.getSequence()).isEqualTo(1);
        assertThat(committed.getVersion()).isEqualTo("1.0");
        assertThat(committed.getEndorsementPlugin()).isEqualTo("escc");
        assertThat(committed.getValidationPlugin()).isEqualTo("vscc");
        // The fixture's committed validation parameter: a reference to /Channel/Application/Endorsement.
        assertThat(committed.getValidationParameter().toByteArray())
                .isEqualTo(java.util.Base64.getDecoder().decode("EiAvQ2hhbm5lbC9BcHBsaWNhdGlvbi9FbmRvcnNlbWVudA=="));
        assertThat(committed.getApprovalsMap()).containsEntry("Org1MSP", true).containsEntry("Org2MSP", true);

        // The jars load in the background from install on; the first call may wait for them.
        ProposalResponse warm = client1.stub(180).processProposal(Proposals.create(ProposalRequest.invoke(SandboxNetwork.CHANNEL,
                ChaincodeInvocation.of("alpha", "who")), network.org1User.identity(), SandboxNetwork.CLOCK).sign(network.org1User));
        assertThat(warm.getResponse().getPayload().toStringUtf8()).isEqualTo("alpha");
        assertThat(client2.stub(180).processProposal(Proposals.create(ProposalRequest.invoke(SandboxNetwork.CHANNEL,
                ChaincodeInvocation.of("alpha", "who")), network.org1User.identity(), SandboxNetwork.CLOCK).sign(network.org1User))
                .getResponse().getStatus()).isEqualTo(200);
        ProposalRequest put = ProposalRequest.invoke(SandboxNetwork.CHANNEL, ChaincodeInvocation.of("alpha", "put", "color", "blue"));
        assertThat(submit(network.org1User, put, 5, client1, client2)).isEqualTo(TxValidationCode.VALID);
        ProposalResponse get = send(client2, network.org1User,
                ProposalRequest.invoke(SandboxNetwork.CHANNEL, ChaincodeInvocation.of("alpha", "get", "color")));
        assertThat(get.getResponse().getStatus()).isEqualTo(200);
        assertThat(get.getResponse().getPayload()).isEqualTo(ByteString.copyFromUtf8("blue"));
        // Endorsed by one organization only: the chaincode's MAJORITY Endorsement policy fails at validation.
        assertThat(submit(network.org1User, put, 6, client1)).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);

        // Block events from the peer: full blocks with the peer's filter, and filtered blocks with the event, payload left out.
        Envelope seek = OrdererClient.seek(network.org1User, SandboxNetwork.CHANNEL, SandboxNetwork.NOW, OrdererClient.block(5),
                OrdererClient.block(6), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY);
        List<DeliverResponse> full = deliver(client2, seek, false);
        assertThat(full).hasSize(3);
        assertThat(full.get(0).getBlock()).isEqualTo(peer2.channels().channel(SandboxNetwork.CHANNEL).orElseThrow().ledger().get(5).orElseThrow());
        assertThat(full.get(2).getStatus()).isEqualTo(Status.SUCCESS);
        List<DeliverResponse> filtered = deliver(client2, seek, true);
        FilteredTransaction valid = filtered.get(0).getFilteredBlock().getFilteredTransactions(0);
        assertThat(valid.getTxValidationCode()).isEqualTo(TxValidationCode.VALID);
        ChaincodeEvent event = valid.getTransactionActions().getChaincodeActions(0).getChaincodeEvent();
        assertThat(event.getEventName()).isEqualTo("put");
        assertThat(event.getChaincodeId()).isEqualTo("alpha");
        assertThat(event.getTxId()).isEqualTo(valid.getTxid());
        assertThat(event.getPayload()).isEmpty();
        assertThat(filtered.get(1).getFilteredBlock().getFilteredTransactions(0).getTxValidationCode())
                .isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        Envelope stranger = OrdererClient.seek(SandboxNetwork.stranger(), SandboxNetwork.CHANNEL, SandboxNetwork.NOW, OrdererClient.block(0),
                OrdererClient.block(0), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY);
        assertThat(deliver(client2, stranger, true)).singleElement()
                .satisfies(response -> assertThat(response.getStatus()).isEqualTo(Status.FORBIDDEN));
    }

    private static List<DeliverResponse> deliver(PeerClientChannel client, Envelope seek, boolean filtered) {
        java.util.concurrent.LinkedBlockingQueue<DeliverResponse> received = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        io.grpc.stub.StreamObserver<DeliverResponse> observer = new io.grpc.stub.StreamObserver<>() {
            public void onNext(DeliverResponse value) {
                received.add(value);
            }

            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            public void onCompleted() {
                done.complete(null);
            }
        };
        DeliverGrpc.DeliverStub stub = DeliverGrpc.newStub(client.channel()).withDeadlineAfter(20, java.util.concurrent.TimeUnit.SECONDS);
        io.grpc.stub.StreamObserver<Envelope> requests = filtered ? stub.deliverFiltered(observer) : stub.deliver(observer);
        requests.onNext(seek);
        requests.onCompleted();
        done.join();
        return List.copyOf(received);
    }
}
