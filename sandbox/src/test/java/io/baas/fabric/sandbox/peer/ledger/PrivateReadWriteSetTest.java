package io.baas.fabric.sandbox.peer.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.baas.fabric.Fixtures;
import io.baas.fabric.Sha256;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's private read-write sets against a real Fabric 2.5.5 block. Block 3 of the fixture
 * network is Org1's ApproveChaincodeDefinitionForMyOrg, which Fabric writes as private data into
 * {@code _lifecycle}'s implicit collection {@code _implicit_org_Org1MSP}: two hashed reads and six
 * hashed writes. The same reads and writes through the sandbox's simulator must give the same
 * CollectionHashedReadWriteSet, field by field and then byte for byte, and a private write set
 * whose SHA-256 is the block's pvt_rwset_hash.
 */
class PrivateReadWriteSetTest {

    private static final String NS = "_lifecycle";
    private static final String COLLECTION = "_implicit_org_Org1MSP";
    private static final String PACKAGE_ID = "simple_1.0:94b7c6b5c82d5ed599702c56da88afe665360bd7038964a4caca678430128e9d";

    @Test
    void theSimulatorWritesARealFabricApprovalsHashedReadWriteSetByteForByte() throws Exception {
        CollectionHashedReadWriteSet real = lifecycleNamespace(Block.parseFrom(Fixtures.block(3))).getCollectionHashedRwset(0);

        TxReadWriteSet results;
        Optional<TxPvtReadWriteSet> privateResults;
        try (TxSimulator simulator = new TxSimulator(new WorldState())) {
            // What Fabric's approval does in the organization's implicit collection: check both metadata keys, write the parameters.
            simulator.getPrivateHash(NS, COLLECTION, "namespaces/metadata/simple#1");
            simulator.getPrivateHash(NS, COLLECTION, "chaincode-sources/metadata/simple#1");
            simulator.putPrivate(NS, COLLECTION, "namespaces/metadata/simple#1", StateMetadata.newBuilder().setDatatype("ChaincodeParameters")
                    .addAllFields(List.of("EndorsementInfo", "ValidationInfo", "Collections")).build().toByteString());
            simulator.putPrivate(NS, COLLECTION, "namespaces/fields/simple#1/EndorsementInfo", StateData.newBuilder().setBytes(
                    ChaincodeEndorsementInfo.newBuilder().setVersion("1.0").setInitRequired(true).setEndorsementPlugin("escc")
                            .build().toByteString()).build().toByteString());
            simulator.putPrivate(NS, COLLECTION, "namespaces/fields/simple#1/ValidationInfo", StateData.newBuilder().setBytes(
                    ChaincodeValidationInfo.newBuilder().setValidationPlugin("vscc").setValidationParameter(ApplicationPolicy.newBuilder()
                            .setChannelConfigPolicyReference("/Channel/Application/Endorsement").build().toByteString())
                            .build().toByteString()).build().toByteString());
            simulator.putPrivate(NS, COLLECTION, "namespaces/fields/simple#1/Collections", StateData.newBuilder().setBytes(
                    CollectionConfigPackage.getDefaultInstance().toByteString()).build().toByteString());
            simulator.putPrivate(NS, COLLECTION, "chaincode-sources/metadata/simple#1", StateMetadata.newBuilder()
                    .setDatatype("ChaincodeLocalPackage").addFields("PackageID").build().toByteString());
            simulator.putPrivate(NS, COLLECTION, "chaincode-sources/fields/simple#1/PackageID",
                    StateData.newBuilder().setString(PACKAGE_ID).build().toByteString());
            results = simulator.results();
            privateResults = simulator.privateResults();
        }

        NsReadWriteSet ns = results.getNsRwset(0);
        assertThat(ns.getNamespace()).isEqualTo(NS);
        assertThat(ns.getRwset()).as("nothing public: the namespace is there for its collection only").isEmpty();
        CollectionHashedReadWriteSet ours = ns.getCollectionHashedRwset(0);
        assertThat(ours.getCollectionName()).isEqualTo(real.getCollectionName());
        HashedRWSet ourHashes = HashedRWSet.parseFrom(ours.getHashedRwset());
        HashedRWSet realHashes = HashedRWSet.parseFrom(real.getHashedRwset());
        assertThat(ourHashes.getHashedReadsCount()).isEqualTo(realHashes.getHashedReadsCount()).isEqualTo(2);
        for (int i = 0; i < realHashes.getHashedReadsCount(); i++) {
            assertThat(ourHashes.getHashedReads(i).getKeyHash()).as("read %d", i).isEqualTo(realHashes.getHashedReads(i).getKeyHash());
            assertThat(ourHashes.getHashedReads(i).hasVersion()).isEqualTo(realHashes.getHashedReads(i).hasVersion()).isFalse();
        }
        assertThat(ourHashes.getHashedWritesCount()).isEqualTo(realHashes.getHashedWritesCount()).isEqualTo(6);
        for (int i = 0; i < realHashes.getHashedWritesCount(); i++) {
            assertThat(ourHashes.getHashedWrites(i).getKeyHash()).as("write %d key", i).isEqualTo(realHashes.getHashedWrites(i).getKeyHash());
            assertThat(ourHashes.getHashedWrites(i).getIsDelete()).isEqualTo(realHashes.getHashedWrites(i).getIsDelete());
            assertThat(ourHashes.getHashedWrites(i).getIsPurge()).isEqualTo(realHashes.getHashedWrites(i).getIsPurge());
            assertThat(ourHashes.getHashedWrites(i).getValueHash()).as("write %d value", i)
                    .isEqualTo(realHashes.getHashedWrites(i).getValueHash());
        }
        assertThat(ourHashes.getMetadataWritesCount()).isEqualTo(realHashes.getMetadataWritesCount());
        assertThat(ours.getHashedRwset()).isEqualTo(real.getHashedRwset());
        assertThat(ours.getPvtRwsetHash()).isEqualTo(real.getPvtRwsetHash());
        assertThat(ours).isEqualTo(real);

        ByteString privateRwSet = privateResults.orElseThrow().getNsPvtRwset(0).getCollectionPvtRwset(0).getRwset();
        assertThat(Sha256.digest(privateRwSet)).isEqualTo(real.getPvtRwsetHash());
        assertThat(KVRWSet.parseFrom(privateRwSet).getReadsCount()).as("private write sets carry no reads").isZero();
        assertThat(Base64.getEncoder().encodeToString(real.getPvtRwsetHash().toByteArray()))
                .isEqualTo("8Y3G2UhzaD8Vu7YNyN7CN37DEOdjSXa0BA46GlwPb1o=");
    }

    private static NsReadWriteSet lifecycleNamespace(Block block) throws Exception {
        Payload payload = Payload.parseFrom(Envelope.parseFrom(block.getData().getData(0)).getPayload());
        ChaincodeActionPayload action = ChaincodeActionPayload.parseFrom(Transaction.parseFrom(payload.getData()).getActions(0).getPayload());
        ChaincodeAction chaincodeAction = ChaincodeAction.parseFrom(
                ProposalResponsePayload.parseFrom(action.getAction().getProposalResponsePayload()).getExtension());
        return TxReadWriteSet.parseFrom(chaincodeAction.getResults()).getNsRwsetList().stream()
                .filter(ns -> ns.getNamespace().equals(NS)).findFirst().orElseThrow();
    }
}
