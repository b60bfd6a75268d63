package io.baas.fabric.sandbox.peer.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.baas.fabric.Sha256;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.policy.SignaturePolicies;
import io.baas.fabric.sandbox.SandboxNetwork;
import io.baas.fabric.sandbox.SandboxNetworkExtension;
import io.baas.fabric.sandbox.peer.channel.ChannelConfig;
import io.baas.fabric.sandbox.peer.endorser.UnpackedProposal;
import io.baas.fabric.sandbox.peer.ledger.PrivateHash;
import io.baas.fabric.sandbox.peer.ledger.TxSimulator;
import io.baas.fabric.sandbox.peer.ledger.WorldState;
import io.baas.fabric.sandbox.peer.lifecycle.CommittedDefinitions;
import io.baas.fabric.transaction.ChaincodeInvocation;
import io.baas.fabric.transaction.ProposalRequest;
import io.baas.fabric.transaction.Proposals;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.ledger.queryresult.KV;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.CollectionPolicyConfig;
import org.hyperledger.fabric.protos.peer.DelState;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.GetStateByRange;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;
import org.junit.jupiter.api.Test;

/**
 * The chaincode protocol's private data messages, as the sandbox peer answers a chaincode that runs
 * as a process of its own ({@link RemoteChaincode}): GET_STATE, PUT_STATE, DEL_STATE and
 * GET_STATE_BY_RANGE with a collection, GET_PRIVATE_DATA_HASH and PURGE_PRIVATE_DATA, over a channel
 * whose committed definition has an Org1-only collection; refusals with the handler's checks.
 */
class PrivateDataMessagesTest {

    private static final SandboxNetwork NETWORK = new SandboxNetwork();
    private static final ChannelConfig CONFIG = SandboxNetwork.configOf(
            NETWORK.genesis(NETWORK.channel(SandboxNetworkExtension.ONE_PER_BLOCK, Duration.ofSeconds(2))));
    private final WorldState state = new WorldState();

    PrivateDataMessagesTest() {
        CollectionConfigPackage collections = CollectionConfigPackage.newBuilder().addConfig(CollectionConfig.newBuilder()
                .setStaticCollectionConfig(StaticCollectionConfig.newBuilder().setName("secret")
                        .setMemberOrgsPolicy(CollectionPolicyConfig.newBuilder().setSignaturePolicy(SignaturePolicies.parse("OR('Org1MSP.member')")))
                        .setMaximumPeerCount(1).setMemberOnlyRead(true).setMemberOnlyWrite(true))).build();
        state.apply(List.of(new WorldState.Write(CommittedDefinitions.NAMESPACE, CommittedDefinitions.fieldKey("cc", "Collections"),
                Optional.of(StateData.newBuilder().setBytes(collections.toByteString()).build().toByteString()))), 1, 0, "define", Instant.EPOCH);
    }

    private ChaincodeCall call(Signer creator, TxSimulator simulator) {
        UnpackedProposal proposal = UnpackedProposal.unpack(Proposals.create(ProposalRequest.invoke(SandboxNetwork.CHANNEL,
                new ChaincodeInvocation("cc", ChaincodeSpec.Type.JAVA, List.of(ByteString.copyFromUtf8("f")), false, java.util.Map.of())),
                creator.identity(), SandboxNetwork.CLOCK).sign(creator));
        return new ChaincodeCall("cc", proposal, simulator, "Org1MSP", CONFIG, state);
    }

    private static ChaincodeMessage message(ChaincodeMessage.Type type, com.google.protobuf.Message payload) {
        return ChaincodeMessage.newBuilder().setType(type).setTxid("tx").setChannelId(SandboxNetwork.CHANNEL).setPayload(payload.toByteString()).build();
    }

    @Test
    void aMemberWritesReadsAndPurgesThroughTheProtocolAndTheBlockGetsOnlyHashes() throws Exception {
        try (TxSimulator simulator = new TxSimulator(state)) {
            ChaincodeCall call = call(NETWORK.org1User, simulator);
            RemoteChaincode.handle(call, message(ChaincodeMessage.Type.PUT_STATE,
                    PutState.newBuilder().setCollection("secret").setKey("a").setValue(ByteString.copyFromUtf8("1")).build()));
            RemoteChaincode.handle(call, message(ChaincodeMessage.Type.DEL_STATE, DelState.newBuilder().setCollection("secret").setKey("b").build()));
            RemoteChaincode.handle(call, message(ChaincodeMessage.Type.PURGE_PRIVATE_DATA,
                    DelState.newBuilder().setCollection("secret").setKey("c").build()));
            assertThat(RemoteChaincode.handle(call, message(ChaincodeMessage.Type.GET_PRIVATE_DATA_HASH,
                    GetState.newBuilder().setCollection("secret").setKey("a").build()))).as("nothing committed yet").isEmpty();

            HashedRWSet hashed = HashedRWSet.parseFrom(simulator.results().getNsRwset(0).getCollectionHashedRwset(0).getHashedRwset());
            assertThat(hashed.getHashedWritesList()).extracting(w -> w.getKeyHash(), w -> w.getIsDelete(), w -> w.getIsPurge(), w -> w.getValueHash())
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(PrivateHash.keyHash("a"), false, false, Sha256.digest(ByteString.copyFromUtf8("1"))),
                            org.assertj.core.groups.Tuple.tuple(PrivateHash.keyHash("b"), true, false, ByteString.EMPTY),
                            org.assertj.core.groups.Tuple.tuple(PrivateHash.keyHash("c"), true, true, ByteString.EMPTY));
            assertThat(hashed.getHashedReadsList()).singleElement().satisfies(read -> {
                assertThat(read.getKeyHash()).isEqualTo(PrivateHash.keyHash("a"));
                assertThat(read.hasVersion()).isFalse();
            });
            TxPvtReadWriteSet pvt = simulator.privateResults().orElseThrow();
            assertThat(pvt.getNsPvtRwset(0).getCollectionPvtRwset(0).getCollectionName()).isEqualTo("secret");
        }

        state.applyPrivate(List.of(new WorldState.HashedWrite("cc", "secret", PrivateHash.keyHash("a"),
                Optional.of(Sha256.digest(ByteString.copyFromUtf8("1"))), 0)), List.of(new WorldState.PrivateWrite("cc", "secret", "a",
                Optional.of(ByteString.copyFromUtf8("1")), 0)), 2, 0);
        try (TxSimulator simulator = new TxSimulator(state)) {
            ChaincodeCall call = call(NETWORK.org1User, simulator);
            assertThat(RemoteChaincode.handle(call, message(ChaincodeMessage.Type.GET_STATE,
                    GetState.newBuilder().setCollection("secret").setKey("a").build())).toStringUtf8()).isEqualTo("1");
            QueryResponse range = QueryResponse.parseFrom(RemoteChaincode.handle(call, message(ChaincodeMessage.Type.GET_STATE_BY_RANGE,
                    GetStateByRange.newBuilder().setCollection("secret").setStartKey("").setEndKey("").build())));
            assertThat(KV.parseFrom(range.getResults(0).getResultBytes()).getKey()).isEqualTo("a");
            assertThatThrownBy(() -> RemoteChaincode.handle(call, message(ChaincodeMessage.Type.PUT_STATE,
                    PutState.newBuilder().setKey("public").setValue(ByteString.copyFromUtf8("x")).build())))
                    .hasMessage("txid [" + call.proposal().txId() + "]: unsuppored transaction. Transaction has already performed queries on pvt"
                            + " data. Writes are not allowed");
        }
    }

    @Test
    void anotherOrganizationsMemberIsRefusedWhereMemberOnlyReadAndWriteSaySo() throws Exception {
        try (TxSimulator simulator = new TxSimulator(state)) {
            ChaincodeCall call = call(NETWORK.org2Admin, simulator);
            assertThatThrownBy(() -> RemoteChaincode.handle(call, message(ChaincodeMessage.Type.GET_STATE,
                    GetState.newBuilder().setCollection("secret").setKey("a").build())))
                    .isInstanceOf(HandlerException.class)
                    .hasMessage("tx creator does not have read access permission on privatedata in chaincodeName:cc collectionName: secret");
            assertThatThrownBy(() -> RemoteChaincode.handle(call, message(ChaincodeMessage.Type.PUT_STATE,
                    PutState.newBuilder().setCollection("secret").setKey("a").setValue(ByteString.copyFromUtf8("2")).build())))
                    .hasMessage("tx creator does not have write access permission on privatedata in chaincodeName:cc collectionName: secret");
            assertThat(simulator.privateResults()).isEmpty();
            // Anyone may read a hash; an organization's implicit collection takes anyone's writes.
            assertThat(RemoteChaincode.handle(call, message(ChaincodeMessage.Type.GET_PRIVATE_DATA_HASH,
                    GetState.newBuilder().setCollection("secret").setKey("a").build()))).isEmpty();
            RemoteChaincode.handle(call, message(ChaincodeMessage.Type.PUT_STATE,
                    PutState.newBuilder().setCollection("_implicit_org_Org1MSP").setKey("gift").setValue(ByteString.copyFromUtf8("g")).build()));
            assertThatThrownBy(() -> RemoteChaincode.handle(call, message(ChaincodeMessage.Type.PUT_STATE,
                    PutState.newBuilder().setCollection("_implicit_org_Org9MSP").setKey("x").setValue(ByteString.copyFromUtf8("g")).build())))
                    .hasMessage("collection [_implicit_org_Org9MSP] not defined in the collection config for chaincode [cc]");
        }
    }
}
